using LiaisonStations.Domain.Common;

namespace LiaisonStations.Domain.Requests;

/// <summary>A timeline entry: what happened, who did it and when.</summary>
public sealed class RequestEvent
{
    internal RequestEvent(RequestAction action, RequestStatus? from, RequestStatus to, string? note, Actor actor, DateTimeOffset at)
    {
        Action = action;
        FromStatus = from;
        ToStatus = to;
        Note = note;
        ActorUserId = actor.UserId;
        ActorName = actor.Name;
        At = ChinaTime.Utc(at);
    }

    private RequestEvent()
    {
        ActorName = string.Empty;
    }

    public long Id { get; private set; }

    public RequestAction Action { get; private set; }

    public RequestStatus? FromStatus { get; private set; }

    public RequestStatus ToStatus { get; private set; }

    public string? Note { get; private set; }

    public string? ActorUserId { get; private set; }

    public string ActorName { get; private set; }

    public DateTimeOffset At { get; private set; }
}

/// <summary>A deputy the request is assigned to.</summary>
public sealed class RequestDeputy
{
    internal RequestDeputy(int deputyId, DateTimeOffset at)
    {
        DeputyId = deputyId;
        AssignedAt = ChinaTime.Utc(at);
    }

    private RequestDeputy()
    {
    }

    public long Id { get; private set; }

    public int DeputyId { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }
}

/// <summary>转办: the request sent to a department with a due date, and the department's reply.</summary>
public sealed class Referral
{
    internal Referral(int departmentId, DateOnly dueOn, bool identityDisclosed, string? note, DateTimeOffset at)
    {
        DepartmentId = departmentId;
        DueOn = dueOn;
        IdentityDisclosed = identityDisclosed;
        Note = note;
        ReferredAt = ChinaTime.Utc(at);
    }

    private Referral()
    {
    }

    public long Id { get; private set; }

    public int DepartmentId { get; private set; }

    public DateTimeOffset ReferredAt { get; private set; }

    public DateOnly DueOn { get; private set; }

    /// <summary>Whether the department may see the citizen's identity (only with the citizen's consent).</summary>
    public bool IdentityDisclosed { get; private set; }

    public string? Note { get; private set; }

    public string? Reply { get; private set; }

    public DateTimeOffset? RepliedAt { get; private set; }

    public string? RepliedBy { get; private set; }

    internal void RecordReply(string reply, Actor actor, DateTimeOffset at)
    {
        Reply = reply;
        RepliedAt = ChinaTime.Utc(at);
        RepliedBy = actor.Name;

        // A reply answers the referral: an extension still asked for is moot.
        ClearExtension();
    }

    internal void ExtendTo(DateOnly dueOn) => DueOn = dueOn;

    /// <summary>退回: the department sent the referral back as not theirs, with its reason.</summary>
    public DateTimeOffset? ReturnedAt { get; private set; }

    public string? ReturnReason { get; private set; }

    /// <summary>The due date the department asked for (申请延期), until the station decides.</summary>
    public DateOnly? ExtensionAskedFor { get; private set; }

    public string? ExtensionReason { get; private set; }

    public bool ExtensionPending => ExtensionAskedFor is not null;

    internal void Return(string reason, DateTimeOffset at)
    {
        ReturnedAt = ChinaTime.Utc(at);
        ReturnReason = reason;
        ExtensionAskedFor = null;
        ExtensionReason = null;
    }

    internal void AskExtension(DateOnly dueOn, string reason)
    {
        ExtensionAskedFor = dueOn;
        ExtensionReason = reason;
    }

    internal void ClearExtension()
    {
        ExtensionAskedFor = null;
        ExtensionReason = null;
    }
}

/// <summary>The citizen's evaluation collected at one closing.</summary>
public sealed class RequestEvaluation
{
    internal RequestEvaluation(int stationId, int round, Evaluation evaluation, string? note, EvaluationSource source, Actor actor, DateTimeOffset at)
    {
        Source = source;
        StationId = stationId;
        Round = round;
        Evaluation = evaluation;
        Note = note;
        RecordedBy = actor.Name;
        EvaluatedAt = ChinaTime.Utc(at);
        EvaluatedOn = ChinaTime.DateOf(at);
    }

    private RequestEvaluation()
    {
        RecordedBy = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>
    /// The request's station, copied so satisfaction can be counted per area from this table and its
    /// (station, date) index alone, without visiting a million requests; kept in step by the request.
    /// </summary>
    public int StationId { get; internal set; }

    public int Round { get; private set; }

    public Evaluation Evaluation { get; private set; }

    public string? Note { get; private set; }

    public string RecordedBy { get; private set; }

    /// <summary>Whether the citizen evaluated online or a clerk recorded what the citizen said (回访).</summary>
    public EvaluationSource Source { get; private set; }

    public DateTimeOffset EvaluatedAt { get; private set; }

    public DateOnly EvaluatedOn { get; private set; }
}

/// <summary>A category of requests (free text; an unknown category is created on import).</summary>
public sealed class RequestCategory
{
    private RequestCategory()
    {
        Name = string.Empty;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>The name shown in the English interface; the Chinese one when not given.</summary>
    public string? EnglishName { get; private set; }

    public static RequestCategory Create(string name, string? englishName = null) =>
        new() { Name = Check.Text(name, 50, "Category.NameRequired"), EnglishName = Check.OptionalText(englishName, 50) };

    public void Rename(string name, string? englishName)
    {
        Name = Check.Text(name, 50, "Category.NameRequired");
        EnglishName = Check.OptionalText(englishName, 50);
    }
}
