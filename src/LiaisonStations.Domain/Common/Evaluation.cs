namespace LiaisonStations.Domain.Common;

/// <summary>代表评价 / 回访: how satisfied the citizen or deputy is with an answer.</summary>
public enum Evaluation
{
    Satisfied = 1,
    BasicallySatisfied = 2,
    Unsatisfied = 3,
}

public static class EvaluationExtensions
{
    /// <summary>Satisfaction rates count "satisfied" and "basically satisfied" together (DESIGN §4).</summary>
    public static bool CountsAsSatisfied(this Evaluation evaluation) => evaluation is Evaluation.Satisfied or Evaluation.BasicallySatisfied;
}
