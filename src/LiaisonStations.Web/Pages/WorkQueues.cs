using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Suggestions;
using LiaisonStations.Web.Infrastructure.Security;

namespace LiaisonStations.Web.Pages;

/// <summary>What waits for someone on a request: each queue is one condition, used by the home page's to-do list and by the list it links to.</summary>
public enum RequestQueue
{
    /// <summary>待分派: registered or reopened, not yet given to deputies.</summary>
    ToAssign = 1,

    /// <summary>被退回: a department sent the referral back; refer it again.</summary>
    SentBack = 2,

    /// <summary>待确认: the department replied; confirm resolved or explained.</summary>
    ToConfirm = 3,

    /// <summary>待审批延期: a department asked for a later due date.</summary>
    ExtensionAsked = 4,

    /// <summary>已逾期: open and past the due date.</summary>
    Overdue = 5,

    /// <summary>A deputy's open requests.</summary>
    MyFollowUp = 6,

    /// <summary>A department's current referrals awaiting its reply.</summary>
    ToReply = 7,
}

/// <summary>What waits for someone on a suggestion.</summary>
public enum SuggestionQueue
{
    /// <summary>A deputy is invited to co-sign a draft.</summary>
    ToCoSign = 1,

    /// <summary>The department replied; the lead deputy evaluates.</summary>
    ToEvaluate = 2,

    /// <summary>Submitted; the standing committee reviews it.</summary>
    ToReview = 3,

    /// <summary>Accepted; to be assigned to departments (交办).</summary>
    ToHandOver = 4,

    /// <summary>Assigned to (or sent back for rehandling by) the department; it replies.</summary>
    ToReply = 5,
}

/// <summary>The queues of each role and their conditions (applied on top of the user's scope).</summary>
public static class WorkQueues
{
    public static IReadOnlyList<RequestQueue> RequestQueuesOf(CurrentUser me) =>
        me.CanRegisterRequests() ? [RequestQueue.ToAssign, RequestQueue.SentBack, RequestQueue.ToConfirm, RequestQueue.ExtensionAsked, RequestQueue.Overdue]
        : me.IsDeputy ? [RequestQueue.MyFollowUp]
        : me.IsDepartmentLiaison ? [RequestQueue.ToReply]
        : me.SeesEverything ? [RequestQueue.Overdue]
        : [];

    public static IReadOnlyList<SuggestionQueue> SuggestionQueuesOf(CurrentUser me) =>
        me.IsDeputy ? [SuggestionQueue.ToCoSign, SuggestionQueue.ToEvaluate]
        : me.IsDepartmentLiaison ? [SuggestionQueue.ToReply]
        : me.SeesEverything ? [SuggestionQueue.ToReview, SuggestionQueue.ToHandOver]
        : [];

    public static IQueryable<CitizenRequest> In(this IQueryable<CitizenRequest> requests, RequestQueue queue, CurrentUser me, DateOnly today)
    {
        var open = RequestWorkflow.Open.ToArray();
        var deputyId = me.DeputyId ?? -1;
        var departmentId = me.DepartmentId ?? -1;
        return queue switch
        {
            RequestQueue.ToAssign => requests.Where(r => r.Status == RequestStatus.Registered || r.Status == RequestStatus.Reopened),
            RequestQueue.SentBack => requests.Where(r => r.Status == RequestStatus.Assigned && r.CurrentDepartmentId == null && r.Referrals.Any(f => f.ReturnedAt != null)),
            RequestQueue.ToConfirm => requests.Where(r => r.Status == RequestStatus.Replied),
            RequestQueue.ExtensionAsked => requests.Where(r => (r.Status == RequestStatus.Referred || r.Status == RequestStatus.Supervising) && r.Referrals.Any(f => f.ExtensionAskedFor != null)),
            RequestQueue.Overdue => requests.Where(r => open.Contains(r.Status) && r.DueOn < today),
            RequestQueue.MyFollowUp => requests.Where(r => open.Contains(r.Status) && r.Deputies.Any(d => d.DeputyId == deputyId)),
            RequestQueue.ToReply => requests.Where(r => r.CurrentDepartmentId == departmentId && (r.Status == RequestStatus.Referred || r.Status == RequestStatus.Supervising)),
            _ => requests.Where(r => false),
        };
    }

    public static IQueryable<Suggestion> In(this IQueryable<Suggestion> suggestions, SuggestionQueue queue, CurrentUser me)
    {
        var deputyId = me.DeputyId ?? -1;
        return queue switch
        {
            SuggestionQueue.ToCoSign => suggestions.Where(s => s.Status == SuggestionStatus.Draft && s.CoSigners.Any(c => c.DeputyId == deputyId && c.ConfirmedAt == null)),
            SuggestionQueue.ToEvaluate => suggestions.Where(s => s.Status == SuggestionStatus.Replied && s.LeadDeputyId == deputyId),
            SuggestionQueue.ToReview => suggestions.Where(s => s.Status == SuggestionStatus.Submitted),
            SuggestionQueue.ToHandOver => suggestions.Where(s => s.Status == SuggestionStatus.Accepted),
            SuggestionQueue.ToReply => suggestions.Where(s => s.Status == SuggestionStatus.Assigned || s.Status == SuggestionStatus.Rehandling),
            _ => suggestions.Where(s => false),
        };
    }
}
