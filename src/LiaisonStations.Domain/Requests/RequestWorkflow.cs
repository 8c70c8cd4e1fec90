using LiaisonStations.Domain.Common;

namespace LiaisonStations.Domain.Requests;

/// <summary>
/// The transition table of DESIGN §3.1, in one place, so pages can ask which actions are legal and the
/// entity refuses everything else.
/// </summary>
public static class RequestWorkflow
{
    private static readonly RequestStatus[] OpenStates =
    [
        RequestStatus.Registered, RequestStatus.Assigned, RequestStatus.Referred,
        RequestStatus.Replied, RequestStatus.Supervising, RequestStatus.Reopened,
    ];

    private static readonly Dictionary<RequestStatus, RequestStatus[]> Transitions = new()
    {
        [RequestStatus.Registered] = [RequestStatus.AnsweredOnSite, RequestStatus.Assigned, RequestStatus.ConvertedToSuggestion, RequestStatus.Withdrawn],
        [RequestStatus.AnsweredOnSite] = [RequestStatus.Closed],
        [RequestStatus.Assigned] = [RequestStatus.Referred, RequestStatus.ConvertedToSuggestion, RequestStatus.Withdrawn],
        // Back to Assigned (or Registered, without deputies) when the department sends a mis-routed referral back.
        [RequestStatus.Referred] = [RequestStatus.Replied, RequestStatus.Supervising, RequestStatus.ConvertedToSuggestion, RequestStatus.Withdrawn, RequestStatus.Assigned, RequestStatus.Registered],
        [RequestStatus.Replied] = [RequestStatus.Resolved, RequestStatus.Explained, RequestStatus.Supervising, RequestStatus.ConvertedToSuggestion, RequestStatus.Withdrawn],
        [RequestStatus.Supervising] = [RequestStatus.Replied, RequestStatus.ConvertedToSuggestion, RequestStatus.Withdrawn, RequestStatus.Assigned, RequestStatus.Registered],
        [RequestStatus.Resolved] = [RequestStatus.Closed],
        [RequestStatus.Explained] = [RequestStatus.Closed],
        [RequestStatus.Closed] = [RequestStatus.Reopened],
        [RequestStatus.Reopened] = [RequestStatus.Assigned, RequestStatus.Referred, RequestStatus.ConvertedToSuggestion, RequestStatus.Withdrawn],
        [RequestStatus.ConvertedToSuggestion] = [],
        [RequestStatus.Withdrawn] = [],
    };

    /// <summary>The states in which a request still waits for handling; only these can be overdue.</summary>
    public static IReadOnlyList<RequestStatus> Open => OpenStates;

    public static bool IsOpen(RequestStatus status) => Array.IndexOf(OpenStates, status) >= 0;

    public static bool IsAllowed(RequestStatus from, RequestStatus to) =>
        Transitions.TryGetValue(from, out var targets) && Array.IndexOf(targets, to) >= 0;

    public static IReadOnlyList<RequestStatus> TargetsFrom(RequestStatus from) =>
        Transitions.TryGetValue(from, out var targets) ? targets : [];

    public static void EnsureAllowed(RequestStatus from, RequestStatus to)
    {
        if (!IsAllowed(from, to))
        {
            throw new DomainRuleException("Request.IllegalTransition", from, to);
        }
    }

    /// <summary>Overdue is derived: an open request whose due date has passed.</summary>
    public static bool IsOverdue(RequestStatus status, DateOnly? dueOn, DateOnly today) =>
        IsOpen(status) && dueOn is { } due && due < today;
}

/// <summary>The things a person can do to a request, one per verb of <see cref="CitizenRequest"/>.</summary>
public enum RequestStep
{
    AnswerOnSite = 1,
    AssignDeputies = 2,
    Refer = 3,
    RecordReply = 4,
    Supervise = 5,
    Resolve = 6,
    Explain = 7,
    Close = 8,
    Reopen = 9,
    Withdraw = 10,
    ConvertToSuggestion = 11,
    AddNote = 12,

    /// <summary>退回: the department sends a mis-routed referral back to the station, with a reason.</summary>
    SendBack = 13,

    /// <summary>申请延期: the department asks for a later due date, with a reason.</summary>
    RequestExtension = 14,

    /// <summary>The station grants or refuses the extension asked for.</summary>
    DecideExtension = 15,

    /// <summary>改类: the station corrects the category a request was registered under, while it is open.</summary>
    ChangeCategory = 16,
}

/// <summary>Which steps the workflow allows from a state (who may take them is the web layer's question).</summary>
public static class RequestSteps
{
    public static readonly RequestStep[] All = Enum.GetValues<RequestStep>();

    /// <summary>The state a step leads to; null for steps that change no state.</summary>
    public static RequestStatus? TargetOf(RequestStep step) => step switch
    {
        RequestStep.AnswerOnSite => RequestStatus.AnsweredOnSite,
        RequestStep.AssignDeputies => RequestStatus.Assigned,
        RequestStep.Refer => RequestStatus.Referred,
        RequestStep.RecordReply => RequestStatus.Replied,
        RequestStep.Supervise => RequestStatus.Supervising,
        RequestStep.Resolve => RequestStatus.Resolved,
        RequestStep.Explain => RequestStatus.Explained,
        RequestStep.Close => RequestStatus.Closed,
        RequestStep.Reopen => RequestStatus.Reopened,
        RequestStep.Withdraw => RequestStatus.Withdrawn,
        RequestStep.ConvertToSuggestion => RequestStatus.ConvertedToSuggestion,
        _ => null,
    };

    /// <summary>
    /// Whether the workflow allows the step now. Deputies can also be added to a request already being
    /// handled (no state change), and a note can be added at any time.
    /// </summary>
    public static bool IsAllowed(RequestStep step, RequestStatus status, Evaluation? latestEvaluation, bool extensionPending = false) => step switch
    {
        RequestStep.AddNote => true,
        RequestStep.SendBack => status is RequestStatus.Referred or RequestStatus.Supervising,
        RequestStep.RequestExtension => status is RequestStatus.Referred or RequestStatus.Supervising && !extensionPending,
        RequestStep.DecideExtension => status is RequestStatus.Referred or RequestStatus.Supervising && extensionPending,
        RequestStep.AssignDeputies or RequestStep.ChangeCategory => RequestWorkflow.IsOpen(status),
        RequestStep.Reopen => RequestWorkflow.IsAllowed(status, RequestStatus.Reopened) && latestEvaluation == Evaluation.Unsatisfied,
        _ => TargetOf(step) is { } target && RequestWorkflow.IsAllowed(status, target),
    };
}
