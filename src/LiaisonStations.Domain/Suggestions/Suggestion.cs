using LiaisonStations.Domain.Common;

namespace LiaisonStations.Domain.Suggestions;

/// <summary>
/// 代表建议: a formal suggestion by a lead deputy with co-signers, tracked until the handling departments
/// reply and the deputy evaluates the reply.
/// </summary>
public sealed class Suggestion
{
    /// <summary>Default handling period: three months from assignment (交办后三个月内答复).</summary>
    public const int DefaultHandlingMonths = 3;

    private readonly List<SuggestionCoSigner> _coSigners = [];
    private readonly List<HandlingUnit> _handlingUnits = [];
    private readonly List<SuggestionReply> _replies = [];
    private readonly List<SuggestionEvaluation> _evaluations = [];
    private readonly List<SuggestionRequestLink> _linkedRequests = [];
    private readonly List<SuggestionEvent> _events = [];

    private Suggestion()
    {
        Title = string.Empty;
        Body = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>Given at submission, e.g. 2026-JY-0042.</summary>
    public string? Number { get; private set; }

    public string Title { get; private set; }

    public string Body { get; private set; }

    public string? Category { get; private set; }

    public int LeadDeputyId { get; private set; }

    public SuggestionOccasion Occasion { get; private set; }

    /// <summary>The session, e.g. 市十六届人大五次会议; empty between sessions.</summary>
    public string? SessionName { get; private set; }

    public SuggestionStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateOnly? SubmittedOn { get; private set; }

    public DateOnly? AssignedOn { get; private set; }

    public DateOnly? DueOn { get; private set; }

    /// <summary>Category of the lead department's latest reply; the implementation rates count on it.</summary>
    public ReplyCategory? LatestReplyCategory { get; private set; }

    public DateOnly? FirstRepliedOn { get; private set; }

    public Evaluation? LatestEvaluation { get; private set; }

    public string? ReclassificationReason { get; private set; }

    /// <summary>1 for the first handling, 2 after one rehandling, and so on.</summary>
    public int HandlingRound { get; private set; }

    /// <summary>重点督办, with the leader who supervises it.</summary>
    public bool KeySupervision { get; private set; }

    public string? LeadSupervisor { get; private set; }

    /// <summary>第三方评估.</summary>
    public bool ThirdPartyEvaluation { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public IReadOnlyList<SuggestionCoSigner> CoSigners => _coSigners;

    public IReadOnlyList<HandlingUnit> HandlingUnits => _handlingUnits;

    public IReadOnlyList<SuggestionReply> Replies => _replies;

    public IReadOnlyList<SuggestionEvaluation> Evaluations => _evaluations;

    public IReadOnlyList<SuggestionRequestLink> LinkedRequests => _linkedRequests;

    public IReadOnlyList<SuggestionEvent> Events => _events;

    public int? LeadDepartmentId => _handlingUnits.FirstOrDefault(u => u.Role == HandlingRole.Lead)?.DepartmentId;

    public bool IsOverdue(DateOnly today) =>
        Status is SuggestionStatus.Assigned or SuggestionStatus.Rehandling && DueOn is { } due && due < today;

    public static Suggestion Draft(
        int leadDeputyId,
        string title,
        string body,
        string? category,
        SuggestionOccasion occasion,
        string? sessionName,
        Actor actor,
        DateTimeOffset now)
    {
        var s = new Suggestion
        {
            LeadDeputyId = leadDeputyId,
            Status = SuggestionStatus.Draft,
            CreatedAt = ChinaTime.Utc(now),
            HandlingRound = 1,
        };
        s.SetContent(title, body, category, occasion, sessionName);
        s.AddEvent(SuggestionAction.Drafted, null, null, actor, now);
        return s;
    }

    public void EditDraft(string title, string body, string? category, SuggestionOccasion occasion, string? sessionName, Actor actor, DateTimeOffset now)
    {
        EnsureStatus(SuggestionStatus.Draft, "Suggestion.OnlyDraftEditable");
        SetContent(title, body, category, occasion, sessionName);
        AddEvent(SuggestionAction.Edited, null, null, actor, now);
    }

    public void AddCoSigner(int deputyId, Actor actor, DateTimeOffset now)
    {
        EnsureStatus(SuggestionStatus.Draft, "Suggestion.CoSignersOnlyInDraft");
        Check.That(deputyId != LeadDeputyId, "Suggestion.LeadCannotCoSign");
        Check.That(_coSigners.All(c => c.DeputyId != deputyId), "Suggestion.AlreadyCoSigner", deputyId);
        _coSigners.Add(new SuggestionCoSigner(deputyId));
        AddEvent(SuggestionAction.CoSignerAdded, null, null, actor, now);
    }

    public void RemoveCoSigner(int deputyId, Actor actor, DateTimeOffset now)
    {
        EnsureStatus(SuggestionStatus.Draft, "Suggestion.CoSignersOnlyInDraft");
        Check.That(_coSigners.RemoveAll(c => c.DeputyId == deputyId) > 0, "Suggestion.NotCoSigner", deputyId);
        AddEvent(SuggestionAction.CoSignerRemoved, null, null, actor, now);
    }

    /// <summary>联名: a co-signer confirms they sign the suggestion. Only the co-signer may call this.</summary>
    public void ConfirmCoSignature(int deputyId, Actor actor, DateTimeOffset now)
    {
        EnsureStatus(SuggestionStatus.Draft, "Suggestion.CoSignersOnlyInDraft");
        var co = _coSigners.SingleOrDefault(c => c.DeputyId == deputyId) ?? throw new DomainRuleException("Suggestion.NotCoSigner", deputyId);
        Check.That(co.ConfirmedAt is null, "Suggestion.AlreadyConfirmed");
        co.Confirm(now);
        AddEvent(SuggestionAction.CoSignerConfirmed, null, null, actor, now);
    }

    /// <summary>Cites a citizen request the suggestion grew from.</summary>
    public void LinkRequest(long requestId, Actor actor, DateTimeOffset now)
    {
        EnsureStatus(SuggestionStatus.Draft, "Suggestion.LinksOnlyInDraft");
        if (_linkedRequests.Any(l => l.CitizenRequestId == requestId))
        {
            return;
        }

        _linkedRequests.Add(new SuggestionRequestLink(requestId));
        AddEvent(SuggestionAction.RequestLinked, null, null, actor, now);
    }

    /// <summary>提: the lead deputy submits; every co-signer must have confirmed.</summary>
    public void Submit(string number, Actor actor, DateTimeOffset now)
    {
        EnsureTransition(SuggestionStatus.Draft, SuggestionStatus.Submitted);
        Check.That(_coSigners.All(c => c.ConfirmedAt is not null), "Suggestion.CoSignerNotConfirmed");
        Check.That(Occasion != SuggestionOccasion.Session || SessionName is not null, "Suggestion.SessionRequired");
        Number = Check.Text(number, 40, "Suggestion.NumberRequired");
        SubmittedOn = ChinaTime.DateOf(now);
        MoveTo(SuggestionStatus.Submitted, SuggestionAction.Submitted, null, actor, now);
    }

    public void Accept(Actor actor, DateTimeOffset now)
    {
        EnsureTransition(SuggestionStatus.Submitted, SuggestionStatus.Accepted);
        MoveTo(SuggestionStatus.Accepted, SuggestionAction.Accepted, null, actor, now);
    }

    /// <summary>Not a suggestion in form or substance: handled as an ordinary opinion instead.</summary>
    public void ReclassifyAsOpinion(string reason, Actor actor, DateTimeOffset now)
    {
        EnsureTransition(SuggestionStatus.Submitted, SuggestionStatus.ReclassifiedAsOpinion);
        ReclassificationReason = Check.Text(reason, 1000, "Suggestion.ReclassifyReasonRequired");
        MoveTo(SuggestionStatus.ReclassifiedAsOpinion, SuggestionAction.Reclassified, ReclassificationReason, actor, now);
    }

    /// <summary>交办: one lead department, any number of co-handling departments, a due date.</summary>
    public void Assign(int leadDepartmentId, IReadOnlyCollection<int> coHandlingDepartmentIds, DateOnly dueOn, Actor actor, DateTimeOffset now)
    {
        EnsureTransition(SuggestionStatus.Accepted, SuggestionStatus.Assigned);
        Check.That(!coHandlingDepartmentIds.Contains(leadDepartmentId), "Suggestion.LeadAlsoCoHandling");
        var today = ChinaTime.DateOf(now);
        Check.That(dueOn > today, "Suggestion.DueDateNotInFuture", dueOn);
        _handlingUnits.Clear();
        _handlingUnits.Add(new HandlingUnit(leadDepartmentId, HandlingRole.Lead));
        foreach (var id in coHandlingDepartmentIds.Distinct())
        {
            _handlingUnits.Add(new HandlingUnit(id, HandlingRole.CoHandling));
        }

        AssignedOn = today;
        DueOn = dueOn;
        MoveTo(SuggestionStatus.Assigned, SuggestionAction.Assigned, null, actor, now);
    }

    public static DateOnly DefaultDueOn(DateOnly assignedOn) => assignedOn.AddMonths(DefaultHandlingMonths);

    /// <summary>
    /// A handling department's reply. The lead department's reply carries the category A/B/C and moves the
    /// suggestion to Replied; a co-handling department's opinion is recorded without changing the state.
    /// </summary>
    public void RecordReply(int departmentId, ReplyCategory? category, string text, Actor actor, DateTimeOffset now)
    {
        Check.That(Status is SuggestionStatus.Assigned or SuggestionStatus.Rehandling, "Suggestion.IllegalTransition", Status, SuggestionStatus.Replied);
        var unit = _handlingUnits.SingleOrDefault(u => u.DepartmentId == departmentId) ?? throw new DomainRuleException("Suggestion.NotAHandlingUnit", departmentId);
        var body = Check.Text(text, 10_000, "Suggestion.ReplyTextRequired");
        var today = ChinaTime.DateOf(now);
        if (unit.Role == HandlingRole.CoHandling)
        {
            _replies.Add(new SuggestionReply(departmentId, HandlingRole.CoHandling, HandlingRound, category, body, actor, now));
            AddEvent(SuggestionAction.CoHandlingReplied, Status, null, actor, now);
            return;
        }

        Check.That(category is { } c && Enum.IsDefined(c), "Suggestion.ReplyCategoryRequired");
        _replies.Add(new SuggestionReply(departmentId, HandlingRole.Lead, HandlingRound, category, body, actor, now));
        LatestReplyCategory = category;
        FirstRepliedOn ??= today;
        MoveTo(SuggestionStatus.Replied, SuggestionAction.Replied, category.ToString(), actor, now);
    }

    /// <summary>The lead deputy's evaluation of the reply.</summary>
    public void Evaluate(Evaluation evaluation, string? note, Actor actor, DateTimeOffset now)
    {
        EnsureTransition(SuggestionStatus.Replied, SuggestionStatus.Evaluated);
        Check.That(Enum.IsDefined(evaluation), "Suggestion.EvaluationUnknown", evaluation);
        var text = Check.OptionalText(note, 2000);
        Check.That(evaluation != Evaluation.Unsatisfied || text is not null, "Suggestion.UnsatisfiedNeedsReason");
        _evaluations.Add(new SuggestionEvaluation(HandlingRound, evaluation, text, actor, now));
        LatestEvaluation = evaluation;
        MoveTo(SuggestionStatus.Evaluated, SuggestionAction.Evaluated, text, actor, now);
    }

    /// <summary>An unsatisfied evaluation sends the suggestion back to the departments with a new due date.</summary>
    public void Rehandle(DateOnly dueOn, string? note, Actor actor, DateTimeOffset now)
    {
        EnsureTransition(SuggestionStatus.Evaluated, SuggestionStatus.Rehandling);
        Check.That(LatestEvaluation == Evaluation.Unsatisfied, "Suggestion.RehandlingRequiresUnsatisfied");
        Check.That(dueOn > ChinaTime.DateOf(now), "Suggestion.DueDateNotInFuture", dueOn);
        HandlingRound++;
        DueOn = dueOn;
        MoveTo(SuggestionStatus.Rehandling, SuggestionAction.Rehandling, Check.OptionalText(note, 2000), actor, now);
    }

    /// <summary>办结. An unsatisfied evaluation must first be rehandled once before the suggestion can be closed.</summary>
    public void Close(Actor actor, DateTimeOffset now)
    {
        EnsureTransition(SuggestionStatus.Evaluated, SuggestionStatus.Closed);
        Check.That(LatestEvaluation != Evaluation.Unsatisfied || HandlingRound > 1, "Suggestion.UnsatisfiedMustBeRehandled");
        MoveTo(SuggestionStatus.Closed, SuggestionAction.Closed, null, actor, now);
    }

    public void SetKeySupervision(bool on, string? leadSupervisor, Actor actor, DateTimeOffset now)
    {
        Check.That(Status is not (SuggestionStatus.Draft or SuggestionStatus.ReclassifiedAsOpinion or SuggestionStatus.Closed), "Suggestion.SupervisionNotPossible", Status);
        if (on)
        {
            LeadSupervisor = Check.Text(leadSupervisor, 50, "Suggestion.LeadSupervisorRequired");
            KeySupervision = true;
            AddEvent(SuggestionAction.KeySupervisionSet, Status, LeadSupervisor, actor, now);
        }
        else
        {
            Check.That(KeySupervision, "Suggestion.NotUnderKeySupervision");
            KeySupervision = false;
            LeadSupervisor = null;
            AddEvent(SuggestionAction.KeySupervisionCleared, Status, null, actor, now);
        }
    }

    public void SetThirdPartyEvaluation(bool on, Actor actor, DateTimeOffset now)
    {
        Check.That(Status is not (SuggestionStatus.Draft or SuggestionStatus.ReclassifiedAsOpinion), "Suggestion.ThirdPartyNotPossible", Status);
        Check.That(ThirdPartyEvaluation != on, on ? "Suggestion.ThirdPartyAlreadySet" : "Suggestion.ThirdPartyNotSet");
        ThirdPartyEvaluation = on;
        AddEvent(on ? SuggestionAction.ThirdPartyEvaluationSet : SuggestionAction.ThirdPartyEvaluationCleared, Status, null, actor, now);
    }

    public bool IsSignedBy(int deputyId) => LeadDeputyId == deputyId || _coSigners.Any(c => c.DeputyId == deputyId);

    private void SetContent(string title, string body, string? category, SuggestionOccasion occasion, string? sessionName)
    {
        Check.That(Enum.IsDefined(occasion), "Suggestion.OccasionUnknown", occasion);
        Title = Check.Text(title, 200, "Suggestion.TitleRequired");
        Body = Check.Text(body, 20_000, "Suggestion.BodyRequired");
        Category = Check.OptionalText(category, 50);
        Occasion = occasion;
        SessionName = occasion == SuggestionOccasion.Session ? Check.OptionalText(sessionName, 100) : null;
    }

    private void EnsureStatus(SuggestionStatus expected, string rule)
    {
        Check.That(Status == expected, rule, Status);
    }

    private void EnsureTransition(SuggestionStatus from, SuggestionStatus to)
    {
        Check.That(Status == from, "Suggestion.IllegalTransition", Status, to);
    }

    private void MoveTo(SuggestionStatus target, SuggestionAction action, string? note, Actor actor, DateTimeOffset now)
    {
        var from = Status;
        Status = target;
        _events.Add(new SuggestionEvent(action, from, target, note, actor, now));
        UpdatedAt = ChinaTime.Utc(now);
    }

    private void AddEvent(SuggestionAction action, SuggestionStatus? status, string? note, Actor actor, DateTimeOffset now)
    {
        _events.Add(new SuggestionEvent(action, status ?? Status, status ?? Status, note, actor, now));
        UpdatedAt = ChinaTime.Utc(now);
    }
}
