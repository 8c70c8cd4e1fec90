using LiaisonStations.Domain.Requests;

namespace LiaisonStations.Web.Infrastructure.Security;

/// <summary>
/// Which request steps a role may take on a request it can already see (scope is checked first, by
/// <see cref="Scope"/>). Station clerks, district staff and administrators handle requests; the city
/// supervises; deputies follow up the requests assigned to them; a department answers its own referral.
/// </summary>
public static class RequestPermissions
{
    private static readonly RequestStep[] Handling =
    [
        RequestStep.AnswerOnSite, RequestStep.AssignDeputies, RequestStep.Refer, RequestStep.RecordReply,
        RequestStep.Supervise, RequestStep.Resolve, RequestStep.Explain, RequestStep.Close, RequestStep.Reopen,
        RequestStep.Withdraw, RequestStep.ConvertToSuggestion, RequestStep.AddNote, RequestStep.DecideExtension, RequestStep.ChangeCategory,
    ];

    /// <summary>Whether the user may register requests at all (at stations in their scope).</summary>
    public static bool CanRegisterRequests(this CurrentUser me) => me.IsAdministrator || me.IsDistrictStaff || me.IsClerk;

    /// <summary>The steps this user's role allows on a request (visible to them), before the workflow is asked.</summary>
    public static bool MayTake(this CurrentUser me, RequestStep step, int? currentDepartmentId)
    {
        if (me.CanRegisterRequests())
        {
            return Array.IndexOf(Handling, step) >= 0;
        }

        if (me.Role == AppRoles.CityStaff)
        {
            return step is RequestStep.Supervise or RequestStep.AddNote;
        }

        if (me.IsDeputy)
        {
            return step is RequestStep.AddNote or RequestStep.ConvertToSuggestion or RequestStep.Supervise;
        }

        if (me.IsDepartmentLiaison)
        {
            // Only on its own current referral: reply, send it back as not theirs, ask for more time.
            return step == RequestStep.AddNote
                || (step is RequestStep.RecordReply or RequestStep.SendBack or RequestStep.RequestExtension && currentDepartmentId == me.DepartmentId);
        }

        return false;
    }

    /// <summary>The steps to offer on a request's page: allowed to the role and by the workflow now.</summary>
    public static IReadOnlyList<RequestStep> StepsFor(this CurrentUser me, CitizenRequest request) =>
        RequestSteps.All.Where(s => me.MayTake(s, request.CurrentDepartmentId) && RequestSteps.IsAllowed(s, request.Status, request.LatestEvaluation, request.ExtensionPending)).ToList();
}
