namespace LiaisonStations.Domain.Suggestions;

/// <summary>The things a person can do to a suggestion, one per verb of <see cref="Suggestion"/>.</summary>
public enum SuggestionStep
{
    Edit = 1,
    AddCoSigner = 2,
    RemoveCoSigner = 3,
    ConfirmCoSignature = 4,
    Submit = 5,
    Accept = 6,
    Reclassify = 7,
    Assign = 8,
    Reply = 9,
    Evaluate = 10,
    Rehandle = 11,
    Close = 12,
    KeySupervision = 13,
    ThirdPartyEvaluation = 14,
    LinkRequest = 15,
}

/// <summary>Which steps the workflow of DESIGN §3.2 allows now (who may take them is the web layer's question).</summary>
public static class SuggestionSteps
{
    public static readonly SuggestionStep[] All = Enum.GetValues<SuggestionStep>();

    public static bool IsAllowed(SuggestionStep step, Suggestion s) => step switch
    {
        SuggestionStep.Edit or SuggestionStep.AddCoSigner or SuggestionStep.LinkRequest => s.Status == SuggestionStatus.Draft,
        SuggestionStep.RemoveCoSigner => s.Status == SuggestionStatus.Draft && s.CoSigners.Count > 0,
        SuggestionStep.ConfirmCoSignature => s.Status == SuggestionStatus.Draft && s.CoSigners.Any(c => c.ConfirmedAt is null),
        SuggestionStep.Submit => s.Status == SuggestionStatus.Draft,
        SuggestionStep.Accept or SuggestionStep.Reclassify => s.Status == SuggestionStatus.Submitted,
        SuggestionStep.Assign => s.Status == SuggestionStatus.Accepted,
        SuggestionStep.Reply => s.Status is SuggestionStatus.Assigned or SuggestionStatus.Rehandling,
        SuggestionStep.Evaluate => s.Status == SuggestionStatus.Replied,
        SuggestionStep.Rehandle => s.Status == SuggestionStatus.Evaluated && s.LatestEvaluation == Common.Evaluation.Unsatisfied,
        SuggestionStep.Close => s.Status == SuggestionStatus.Evaluated && (s.LatestEvaluation != Common.Evaluation.Unsatisfied || s.HandlingRound > 1),
        SuggestionStep.KeySupervision => s.Status is not (SuggestionStatus.Draft or SuggestionStatus.ReclassifiedAsOpinion or SuggestionStatus.Closed),
        SuggestionStep.ThirdPartyEvaluation => s.Status is not (SuggestionStatus.Draft or SuggestionStatus.ReclassifiedAsOpinion),
        _ => false,
    };
}
