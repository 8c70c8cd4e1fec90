using LiaisonStations.Domain.Common;

namespace LiaisonStations.Domain.Suggestions;

public sealed class SuggestionCoSigner
{
    internal SuggestionCoSigner(int deputyId) => DeputyId = deputyId;

    private SuggestionCoSigner()
    {
    }

    public long Id { get; private set; }

    public int DeputyId { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    internal void Confirm(DateTimeOffset at) => ConfirmedAt = ChinaTime.Utc(at);
}

/// <summary>主办/协办单位.</summary>
public sealed class HandlingUnit
{
    internal HandlingUnit(int departmentId, HandlingRole role)
    {
        DepartmentId = departmentId;
        Role = role;
    }

    private HandlingUnit()
    {
    }

    public long Id { get; private set; }

    public int DepartmentId { get; private set; }

    public HandlingRole Role { get; private set; }
}

public sealed class SuggestionReply
{
    internal SuggestionReply(int departmentId, HandlingRole role, int round, ReplyCategory? category, string text, Actor actor, DateTimeOffset at)
    {
        DepartmentId = departmentId;
        Role = role;
        Round = round;
        Category = category;
        Text = text;
        RepliedBy = actor.Name;
        RepliedAt = ChinaTime.Utc(at);
        RepliedOn = ChinaTime.DateOf(at);
    }

    private SuggestionReply()
    {
        Text = string.Empty;
        RepliedBy = string.Empty;
    }

    public long Id { get; private set; }

    public int DepartmentId { get; private set; }

    public HandlingRole Role { get; private set; }

    public int Round { get; private set; }

    public ReplyCategory? Category { get; private set; }

    public string Text { get; private set; }

    public string RepliedBy { get; private set; }

    public DateTimeOffset RepliedAt { get; private set; }

    public DateOnly RepliedOn { get; private set; }
}

public sealed class SuggestionEvaluation
{
    internal SuggestionEvaluation(int round, Evaluation evaluation, string? note, Actor actor, DateTimeOffset at)
    {
        Round = round;
        Evaluation = evaluation;
        Note = note;
        EvaluatedBy = actor.Name;
        EvaluatedAt = ChinaTime.Utc(at);
        EvaluatedOn = ChinaTime.DateOf(at);
    }

    private SuggestionEvaluation()
    {
        EvaluatedBy = string.Empty;
    }

    public long Id { get; private set; }

    public int Round { get; private set; }

    public Evaluation Evaluation { get; private set; }

    public string? Note { get; private set; }

    public string EvaluatedBy { get; private set; }

    public DateTimeOffset EvaluatedAt { get; private set; }

    public DateOnly EvaluatedOn { get; private set; }
}

public sealed class SuggestionRequestLink
{
    internal SuggestionRequestLink(long requestId) => CitizenRequestId = requestId;

    private SuggestionRequestLink()
    {
    }

    public long Id { get; private set; }

    public long CitizenRequestId { get; private set; }
}

public sealed class SuggestionEvent
{
    internal SuggestionEvent(SuggestionAction action, SuggestionStatus? from, SuggestionStatus to, string? note, Actor actor, DateTimeOffset at)
    {
        Action = action;
        FromStatus = from;
        ToStatus = to;
        Note = note;
        ActorUserId = actor.UserId;
        ActorName = actor.Name;
        At = ChinaTime.Utc(at);
    }

    private SuggestionEvent()
    {
        ActorName = string.Empty;
    }

    public long Id { get; private set; }

    public SuggestionAction Action { get; private set; }

    public SuggestionStatus? FromStatus { get; private set; }

    public SuggestionStatus ToStatus { get; private set; }

    public string? Note { get; private set; }

    public string? ActorUserId { get; private set; }

    public string ActorName { get; private set; }

    public DateTimeOffset At { get; private set; }
}
