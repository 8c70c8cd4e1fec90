using LiaisonStations.Domain.Common;

namespace LiaisonStations.Domain.Requests;

/// <summary>
/// 群众诉求: one problem, opinion or wish raised by a citizen, followed from registration to the citizen's
/// evaluation. Every state change goes through a verb that checks the transition against
/// <see cref="RequestWorkflow"/> and appends a timeline event with who and when.
/// </summary>
public sealed partial class CitizenRequest
{
    public const int MaxSummaryLength = 2000;

    /// <summary>A remark, reason or explanation on a step.</summary>
    public const int NoteMaxLength = 2000;

    /// <summary>An answer on site or a department's reply: what the citizen is told.</summary>
    public const int AnswerMaxLength = 4000;

    private readonly List<RequestEvent> _events = [];
    private readonly List<RequestDeputy> _deputies = [];
    private readonly List<Referral> _referrals = [];
    private readonly List<RequestEvaluation> _evaluations = [];

    private CitizenRequest()
    {
        TrackingNumber = string.Empty;
        TrackingCode = string.Empty;
        Summary = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>Human-readable number, e.g. 2026-NG-000123 (or the code of an imported record).</summary>
    public string TrackingNumber { get; private set; }

    /// <summary>Unguessable code a citizen uses to look the request up.</summary>
    public string TrackingCode { get; private set; }

    /// <summary>
    /// The one-time key of the form that made it (a clerk's registration, a citizen's submission): a form sent twice
    /// (a resend after a lost answer, a double click) finds the request it already made instead of making another.
    /// Null for requests from other sources.
    /// </summary>
    public Guid? SubmissionKey { get; private set; }

    public int StationId { get; private set; }

    public int? ReceptionDayId { get; private set; }

    public RequestChannel Channel { get; private set; }

    public int CategoryId { get; private set; }

    public string Summary { get; private set; }

    public string? CitizenName { get; private set; }

    public string? CitizenPhone { get; private set; }

    public string? CitizenAddress { get; private set; }

    /// <summary>The citizen agreed to be contacted about the request.</summary>
    public bool ConsentToContact { get; private set; }

    /// <summary>The citizen agreed that the departments handling the request may see who they are.</summary>
    public bool ConsentToDisclose { get; private set; }

    public RequestStatus Status { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>Local (Asia/Shanghai) date of registration: the period metrics count on it.</summary>
    public DateOnly RegisteredOn { get; private set; }

    /// <summary>Due date of the current referral; overdue is derived from it, never stored.</summary>
    public DateOnly? DueOn { get; private set; }

    /// <summary>Last date the request reached Resolved.</summary>
    public DateOnly? ResolvedOn { get; private set; }

    /// <summary>Date the request left the open states (answered, resolved, explained, converted, withdrawn).</summary>
    public DateOnly? FinishedOn { get; private set; }

    public DateOnly? ClosedOn { get; private set; }

    /// <summary>The citizen's evaluation at the latest closing, kept here for fast aggregates.</summary>
    public Evaluation? LatestEvaluation { get; private set; }

    /// <summary>Current department, kept for list filters; the referral history is in <see cref="Referrals"/>.</summary>
    public int? CurrentDepartmentId { get; private set; }

    public long? SuggestionId { get; private set; }

    /// <summary>How many times the request has been closed; an evaluation is collected once per closing.</summary>
    public int ClosingRound { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public IReadOnlyList<RequestEvent> Events => _events;

    public IReadOnlyList<RequestDeputy> Deputies => _deputies;

    public IReadOnlyList<Referral> Referrals => _referrals;

    public IReadOnlyList<RequestEvaluation> Evaluations => _evaluations;

    public bool IsOpen => RequestWorkflow.IsOpen(Status);

    public Referral? CurrentReferral => _referrals.Count == 0 ? null : _referrals[^1];

    public bool IsOverdue(DateOnly today) => RequestWorkflow.IsOverdue(Status, DueOn, today);

    /// <summary>Marks the request with the key of the form that registered it (see <see cref="SubmissionKey"/>).</summary>
    public void SubmittedWith(Guid? key) => SubmissionKey = key;

    public static CitizenRequest Register(
        string trackingNumber,
        string trackingCode,
        int stationId,
        int? receptionDayId,
        RequestChannel channel,
        int categoryId,
        string summary,
        CitizenContact citizen,
        Actor actor,
        DateTimeOffset now)
    {
        Check.That(Enum.IsDefined(channel), "Request.ChannelUnknown", channel);
        Check.That(trackingCode.Length >= 12, "Request.TrackingCodeTooShort");
        var request = new CitizenRequest
        {
            TrackingNumber = Check.Text(trackingNumber, 40, "Request.TrackingNumberRequired"),
            TrackingCode = trackingCode,
            StationId = stationId,
            ReceptionDayId = receptionDayId,
            Channel = channel,
            CategoryId = categoryId,
            Summary = Check.Text(summary, MaxSummaryLength, "Request.SummaryRequired"),
            CitizenName = Check.OptionalText(citizen.Name, 50),
            CitizenPhone = Check.OptionalText(citizen.Phone, 30),
            CitizenAddress = Check.OptionalText(citizen.Address, 200),
            ConsentToContact = citizen.ConsentToContact,
            ConsentToDisclose = citizen.ConsentToDisclose,
            Status = RequestStatus.Registered,
            RegisteredAt = ChinaTime.Utc(now),
            RegisteredOn = ChinaTime.DateOf(now),
            UpdatedAt = ChinaTime.Utc(now),
        };
        request._events.Add(new RequestEvent(RequestAction.Registered, null, RequestStatus.Registered, null, actor, now));
        return request;
    }

    /// <summary>
    /// 改类: corrects the category while the request is open. The event keeps the category it had, so the timeline
    /// can say "from … to …" and figures of categories can be traced (<see cref="PreviousCategoryOf"/>).
    /// </summary>
    public void ChangeCategory(int categoryId, string? note, Actor actor, DateTimeOffset now)
    {
        Check.That(RequestWorkflow.IsOpen(Status), "Request.NotOpen", Status);
        Check.That(categoryId != CategoryId, "Request.CategoryUnchanged");
        var previous = CategoryId;
        CategoryId = categoryId;
        var remark = Check.OptionalText(note, NoteMaxLength);
        AddEvent(RequestAction.CategoryChanged, Status, CategoryNotePrefix + previous.ToString(System.Globalization.CultureInfo.InvariantCulture) + (remark is null ? string.Empty : " " + remark), actor, now);
    }

    /// <summary>The category a CategoryChanged event changed from (kept at the start of its note).</summary>
    public static int? PreviousCategoryOf(RequestEvent e) =>
        e.Action == RequestAction.CategoryChanged && e.Note is { } note && note.StartsWith(CategoryNotePrefix, StringComparison.Ordinal)
        && int.TryParse(note.AsSpan(CategoryNotePrefix.Length).ToString().Split(' ')[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    /// <summary>The remark a person added to a CategoryChanged event, without the previous category.</summary>
    public static string? RemarkOf(RequestEvent e) =>
        e.Action == RequestAction.CategoryChanged && e.Note is { } note && note.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space ? note[(space + 1)..] : e.Action == RequestAction.CategoryChanged ? null : e.Note;

    private const string CategoryNotePrefix = "from:";

    /// <summary>当场答复: the station answered the citizen at once.</summary>
    public void AnswerOnSite(string answer, Actor actor, DateTimeOffset now)
    {
        var text = Check.Text(answer, AnswerMaxLength, "Request.AnswerRequired");
        MoveTo(RequestStatus.AnsweredOnSite, RequestAction.AnsweredOnSite, text, actor, now);
        FinishedOn = ChinaTime.DateOf(now);
    }

    /// <summary>
    /// 分派: gives the request to one or more deputies. From Registered or Reopened this moves it to Assigned;
    /// on a request already being handled it adds deputies without changing its state.
    /// </summary>
    public void AssignDeputies(IReadOnlyCollection<int> deputyIds, string? note, Actor actor, DateTimeOffset now)
    {
        Check.That(deputyIds.Count > 0, "Request.DeputyRequired");
        var newIds = deputyIds.Distinct().Where(id => _deputies.All(d => d.DeputyId != id)).ToList();
        if (Status is RequestStatus.Registered or RequestStatus.Reopened)
        {
            foreach (var id in newIds)
            {
                _deputies.Add(new RequestDeputy(id, now));
            }

            MoveTo(RequestStatus.Assigned, RequestAction.Assigned, Check.OptionalText(note, NoteMaxLength), actor, now);
            return;
        }

        Check.That(IsOpen, "Request.IllegalTransition", Status, RequestStatus.Assigned);
        Check.That(newIds.Count > 0, "Request.DeputiesAlreadyAssigned");
        foreach (var id in newIds)
        {
            _deputies.Add(new RequestDeputy(id, now));
        }

        AddEvent(RequestAction.DeputiesAdded, Status, Check.OptionalText(note, NoteMaxLength), actor, now);
    }

    public bool IsAssignedTo(int deputyId) => _deputies.Any(d => d.DeputyId == deputyId);

    /// <summary>
    /// 转办: sends the request to a department with a due date. The citizen's identity goes with it only
    /// when the citizen consented.
    /// </summary>
    public Referral Refer(int departmentId, DateOnly dueOn, string? note, Actor actor, DateTimeOffset now)
    {
        var today = ChinaTime.DateOf(now);
        Check.That(dueOn > today, "Request.DueDateNotInFuture", dueOn);
        RequestWorkflow.EnsureAllowed(Status, RequestStatus.Referred);
        var referral = new Referral(departmentId, dueOn, ConsentToDisclose, Check.OptionalText(note, NoteMaxLength), now);
        _referrals.Add(referral);
        DueOn = dueOn;
        CurrentDepartmentId = departmentId;
        MoveTo(RequestStatus.Referred, RequestAction.Referred, referral.Note, actor, now);
        return referral;
    }

    /// <summary>已答复: the department's reply to the current referral.</summary>
    public void RecordReply(string reply, Actor actor, DateTimeOffset now)
    {
        var text = Check.Text(reply, AnswerMaxLength, "Request.ReplyRequired");
        RequestWorkflow.EnsureAllowed(Status, RequestStatus.Replied);
        var referral = CurrentReferral ?? throw new DomainRuleException("Request.NoReferral");
        referral.RecordReply(text, actor, now);
        MoveTo(RequestStatus.Replied, RequestAction.Replied, text, actor, now);
    }

    /// <summary>督办: presses the department, optionally with a new due date.</summary>
    public void Supervise(string note, DateOnly? newDueOn, Actor actor, DateTimeOffset now)
    {
        var text = Check.Text(note, NoteMaxLength, "Request.SupervisionNoteRequired");
        RequestWorkflow.EnsureAllowed(Status, RequestStatus.Supervising);
        Check.That(CurrentReferral is not null, "Request.NoReferral");
        if (newDueOn is { } due)
        {
            Check.That(due > ChinaTime.DateOf(now), "Request.DueDateNotInFuture", due);
            DueOn = due;
            CurrentReferral!.ExtendTo(due);
        }

        MoveTo(RequestStatus.Supervising, RequestAction.Supervised, text, actor, now);
    }

    /// <summary>
    /// 退回: the department says the referral is not theirs. The request goes back to the station (Assigned, or
    /// Registered when no deputy follows it) without department or due date, to be referred again.
    /// </summary>
    public void SendBack(string reason, Actor actor, DateTimeOffset now)
    {
        var text = Check.Text(reason, NoteMaxLength, "Request.SendBackReasonRequired");
        Check.That(Status is RequestStatus.Referred or RequestStatus.Supervising, "Request.IllegalTransition", Status, RequestStatus.Assigned);
        var referral = CurrentReferral ?? throw new DomainRuleException("Request.NoReferral");
        referral.Return(text, now);
        CurrentDepartmentId = null;
        DueOn = null;
        MoveTo(_deputies.Count > 0 ? RequestStatus.Assigned : RequestStatus.Registered, RequestAction.SentBack, text, actor, now);
    }

    /// <summary>申请延期: the department asks for a later due date; the station decides.</summary>
    public void RequestExtension(DateOnly dueOn, string reason, Actor actor, DateTimeOffset now)
    {
        var text = Check.Text(reason, NoteMaxLength, "Request.ExtensionReasonRequired");
        Check.That(Status is RequestStatus.Referred or RequestStatus.Supervising, "Request.NoReferral");
        var referral = CurrentReferral ?? throw new DomainRuleException("Request.NoReferral");
        Check.That(!referral.ExtensionPending, "Request.ExtensionAlreadyPending");
        Check.That(dueOn > referral.DueOn && dueOn > ChinaTime.DateOf(now), "Request.ExtensionNotLater", referral.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        referral.AskExtension(dueOn, text);
        AddEvent(RequestAction.ExtensionRequested, Status, $"{dueOn:yyyy-MM-dd} {text}", actor, now);
    }

    /// <summary>The station grants the extension (the due date moves) or refuses it (it stays), with an optional note.</summary>
    public void DecideExtension(bool grant, string? note, Actor actor, DateTimeOffset now)
    {
        var referral = CurrentReferral;
        Check.That(referral is { ExtensionPending: true }, "Request.NoExtensionPending");
        var asked = referral!.ExtensionAskedFor!.Value;
        var text = Check.OptionalText(note, NoteMaxLength);
        if (grant)
        {
            Check.That(asked > ChinaTime.DateOf(now), "Request.DueDateNotInFuture", asked);
            referral.ExtendTo(asked);
            DueOn = asked;
        }

        referral.ClearExtension();
        AddEvent(grant ? RequestAction.ExtensionGranted : RequestAction.ExtensionRefused, Status, text is null ? $"{asked:yyyy-MM-dd}" : $"{asked:yyyy-MM-dd} {text}", actor, now);
    }

    public bool ExtensionPending => CurrentReferral is { ExtensionPending: true } && Status is RequestStatus.Referred or RequestStatus.Supervising;

    public void Resolve(string? note, Actor actor, DateTimeOffset now)
    {
        MoveTo(RequestStatus.Resolved, RequestAction.Resolved, Check.OptionalText(note, NoteMaxLength), actor, now);
        ResolvedOn = ChinaTime.DateOf(now);
        FinishedOn = ResolvedOn;
    }

    /// <summary>已解释: the problem cannot be solved and the reasons were explained to the citizen.</summary>
    public void Explain(string explanation, Actor actor, DateTimeOffset now)
    {
        var text = Check.Text(explanation, NoteMaxLength, "Request.ExplanationRequired");
        MoveTo(RequestStatus.Explained, RequestAction.Explained, text, actor, now);
        FinishedOn = ChinaTime.DateOf(now);
    }

    /// <summary>回访: closes the request with the citizen's evaluation, collected once per closing.</summary>
    public void Close(Evaluation evaluation, string? note, Actor actor, DateTimeOffset now) =>
        CloseWith(evaluation, Check.OptionalText(note, NoteMaxLength), EvaluationSource.Clerk, actor, now);

    private void CloseWith(Evaluation evaluation, string? text, EvaluationSource source, Actor actor, DateTimeOffset now)
    {
        Check.That(Enum.IsDefined(evaluation), "Request.EvaluationUnknown", evaluation);
        RequestWorkflow.EnsureAllowed(Status, RequestStatus.Closed);
        Check.That(_evaluations.All(e => e.Round != ClosingRound + 1), "Request.EvaluationAlreadyCollected");
        ClosingRound++;
        _evaluations.Add(new RequestEvaluation(StationId, ClosingRound, evaluation, text, source, actor, now));
        LatestEvaluation = evaluation;
        ClosedOn = ChinaTime.DateOf(now);
        MoveTo(RequestStatus.Closed, RequestAction.Closed, text, actor, now);
    }

    /// <summary>A request closed with an unsatisfied evaluation is taken up again.</summary>
    public void Reopen(string reason, Actor actor, DateTimeOffset now)
    {
        var text = Check.Text(reason, NoteMaxLength, "Request.ReopenReasonRequired");
        RequestWorkflow.EnsureAllowed(Status, RequestStatus.Reopened);
        Check.That(LatestEvaluation == Evaluation.Unsatisfied, "Request.ReopenRequiresUnsatisfied");
        FinishedOn = null;
        ClosedOn = null;
        DueOn = null;
        MoveTo(RequestStatus.Reopened, RequestAction.Reopened, text, actor, now);
    }

    public void Withdraw(string reason, Actor actor, DateTimeOffset now)
    {
        var text = Check.Text(reason, NoteMaxLength, "Request.WithdrawReasonRequired");
        MoveTo(RequestStatus.Withdrawn, RequestAction.Withdrawn, text, actor, now);
        FinishedOn = ChinaTime.DateOf(now);
    }

    /// <summary>The problem is taken up in a deputy's suggestion; the request links to it.</summary>
    public void ConvertToSuggestion(long suggestionId, Actor actor, DateTimeOffset now)
    {
        RequestWorkflow.EnsureAllowed(Status, RequestStatus.ConvertedToSuggestion);
        SuggestionId = suggestionId;
        MoveTo(RequestStatus.ConvertedToSuggestion, RequestAction.ConvertedToSuggestion, null, actor, now);
        FinishedOn = ChinaTime.DateOf(now);
    }

    /// <summary>A follow-up note by a deputy or clerk; changes no state.</summary>
    public void AddNote(string note, Actor actor, DateTimeOffset now)
    {
        AddEvent(RequestAction.NoteAdded, Status, Check.Text(note, NoteMaxLength, "Request.NoteRequired"), actor, now);
    }

    private void MoveTo(RequestStatus target, RequestAction action, string? note, Actor actor, DateTimeOffset now)
    {
        RequestWorkflow.EnsureAllowed(Status, target);
        var from = Status;
        Status = target;
        _events.Add(new RequestEvent(action, from, target, note, actor, now));
        UpdatedAt = ChinaTime.Utc(now);
    }

    private void AddEvent(RequestAction action, RequestStatus status, string? note, Actor actor, DateTimeOffset now)
    {
        _events.Add(new RequestEvent(action, status, status, note, actor, now));
        UpdatedAt = ChinaTime.Utc(now);
    }
}

/// <summary>The citizen's contact details and consents as given at registration; every part is optional.</summary>
public sealed record CitizenContact(string? Name, string? Phone, string? Address, bool ConsentToContact, bool ConsentToDisclose)
{
    public static readonly CitizenContact Anonymous = new(null, null, null, false, false);
}
