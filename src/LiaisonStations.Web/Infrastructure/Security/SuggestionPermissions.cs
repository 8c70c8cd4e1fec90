using LiaisonStations.Domain.Suggestions;

namespace LiaisonStations.Web.Infrastructure.Security;

/// <summary>
/// Which suggestion steps a user may take on a suggestion they can see: the lead deputy drafts, gathers
/// co-signers, submits and evaluates; each co-signer confirms for themself; city staff accept, assign,
/// supervise and close; a handling department replies.
/// </summary>
public static class SuggestionPermissions
{
    private static readonly SuggestionStep[] CityWork =
    [
        SuggestionStep.Accept, SuggestionStep.Reclassify, SuggestionStep.Assign, SuggestionStep.Reply, SuggestionStep.Rehandle,
        SuggestionStep.Close, SuggestionStep.KeySupervision, SuggestionStep.ThirdPartyEvaluation,
    ];

    private static readonly SuggestionStep[] LeadWork =
    [
        SuggestionStep.Edit, SuggestionStep.AddCoSigner, SuggestionStep.RemoveCoSigner, SuggestionStep.LinkRequest, SuggestionStep.Submit, SuggestionStep.Evaluate,
    ];

    public static bool CanDraftSuggestions(this CurrentUser me) => me.IsDeputy;

    public static bool MayTake(this CurrentUser me, SuggestionStep step, Suggestion s)
    {
        if (me.SeesEverything)
        {
            return Array.IndexOf(CityWork, step) >= 0;
        }

        if (me.IsDeputy)
        {
            var id = me.DeputyId!.Value;
            return (s.LeadDeputyId == id && Array.IndexOf(LeadWork, step) >= 0)
                || (step == SuggestionStep.ConfirmCoSignature && s.CoSigners.Any(c => c.DeputyId == id && c.ConfirmedAt is null));
        }

        if (me.IsDepartmentLiaison)
        {
            return step == SuggestionStep.Reply && s.HandlingUnits.Any(u => u.DepartmentId == me.DepartmentId);
        }

        return false;
    }

    public static IReadOnlyList<SuggestionStep> StepsFor(this CurrentUser me, Suggestion s) =>
        SuggestionSteps.All.Where(step => me.MayTake(step, s) && SuggestionSteps.IsAllowed(step, s)).ToList();
}
