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
        [RequestStatus.Referred] = [RequestStatus.Replied, RequestStatus.Supervising, RequestStatus.ConvertedToSuggestion, RequestStatus.Withdrawn],
        [RequestStatus.Replied] = [RequestStatus.Resolved, RequestStatus.Explained, RequestStatus.Supervising, RequestStatus.ConvertedToSuggestion, RequestStatus.Withdrawn],
        [RequestStatus.Supervising] = [RequestStatus.Replied, RequestStatus.ConvertedToSuggestion, RequestStatus.Withdrawn],
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
