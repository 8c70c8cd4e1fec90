namespace LiaisonStations.Domain.Suggestions;

/// <summary>States of a deputy suggestion (DESIGN §3.2): 提 › 交 › 办 › 督.</summary>
public enum SuggestionStatus
{
    Draft = 1,
    Submitted = 2,
    Accepted = 3,

    /// <summary>Not accepted as a suggestion; handled as an ordinary opinion. Final.</summary>
    ReclassifiedAsOpinion = 4,

    /// <summary>交办: lead and co-handling departments and a due date are set.</summary>
    Assigned = 5,
    Replied = 6,
    Evaluated = 7,
    Rehandling = 8,
    Closed = 9,
}

/// <summary>Submitted at a congress session or between sessions (闭会期间).</summary>
public enum SuggestionOccasion
{
    Session = 1,
    BetweenSessions = 2,
}

/// <summary>答复类别.</summary>
public enum ReplyCategory
{
    /// <summary>已解决或采纳</summary>
    A = 1,

    /// <summary>正在解决或列入计划</summary>
    B = 2,

    /// <summary>因条件限制留作参考</summary>
    C = 3,
}

public enum HandlingRole
{
    /// <summary>主办单位</summary>
    Lead = 1,

    /// <summary>协办单位</summary>
    CoHandling = 2,
}

public enum SuggestionAction
{
    Drafted = 1,
    Edited = 2,
    CoSignerAdded = 3,
    CoSignerRemoved = 4,
    CoSignerConfirmed = 5,
    RequestLinked = 6,
    Submitted = 7,
    Accepted = 8,
    Reclassified = 9,
    Assigned = 10,
    Replied = 11,
    CoHandlingReplied = 12,
    Evaluated = 13,
    Rehandling = 14,
    Closed = 15,
    KeySupervisionSet = 16,
    KeySupervisionCleared = 17,
    ThirdPartyEvaluationSet = 18,
    ThirdPartyEvaluationCleared = 19,
}
