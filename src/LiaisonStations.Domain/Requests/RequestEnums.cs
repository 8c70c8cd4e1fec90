namespace LiaisonStations.Domain.Requests;

/// <summary>States of a citizen request (DESIGN §3.1).</summary>
public enum RequestStatus
{
    /// <summary>已登记</summary>
    Registered = 1,

    /// <summary>当场答复</summary>
    AnsweredOnSite = 2,

    /// <summary>已分派 (to one or more deputies)</summary>
    Assigned = 3,

    /// <summary>已转办 (to a department, with a due date)</summary>
    Referred = 4,

    /// <summary>已答复 (the department replied)</summary>
    Replied = 5,

    /// <summary>督办中</summary>
    Supervising = 6,

    /// <summary>已解决</summary>
    Resolved = 7,

    /// <summary>已解释 (cannot be solved; explained to the citizen)</summary>
    Explained = 8,

    /// <summary>已回访 (the citizen's evaluation was collected)</summary>
    Closed = 9,

    /// <summary>重新办理 (closed with an unsatisfied evaluation and taken up again)</summary>
    Reopened = 10,

    /// <summary>转为代表建议</summary>
    ConvertedToSuggestion = 11,

    /// <summary>已撤回</summary>
    Withdrawn = 12,
}

/// <summary>How the request reached the station.</summary>
public enum RequestChannel
{
    Reception = 1,
    WalkIn = 2,
    Phone = 3,
    WeChat = 4,
    Online = 5,
    HomeVisit = 6,
}

/// <summary>What happened, for the timeline. Transitions and the actions that change no state.</summary>
public enum RequestAction
{
    Registered = 1,
    AnsweredOnSite = 2,
    Assigned = 3,
    DeputiesAdded = 4,
    Referred = 5,
    Replied = 6,
    Supervised = 7,
    Resolved = 8,
    Explained = 9,
    Closed = 10,
    Reopened = 11,
    ConvertedToSuggestion = 12,
    Withdrawn = 13,
    Imported = 14,
    NoteAdded = 15,
    ImportUpdated = 16,
    SentBack = 17,
    ExtensionRequested = 18,
    ExtensionGranted = 19,
    ExtensionRefused = 20,
    CategoryChanged = 21,
}

/// <summary>Who recorded a citizen's evaluation.</summary>
public enum EvaluationSource
{
    /// <summary>A clerk recorded it at the return visit (回访).</summary>
    Clerk = 1,

    /// <summary>The citizen evaluated on the public site.</summary>
    CitizenOnline = 2,
}
