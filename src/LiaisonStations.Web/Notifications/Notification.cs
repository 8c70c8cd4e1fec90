namespace LiaisonStations.Web.Notifications;

/// <summary>Why a user is told about something. The text shown is the localized label of the kind with the subject's number.</summary>
public enum NotificationKind
{
    RequestAssigned = 1,
    RequestReferred = 2,
    RequestReplied = 3,
    RequestDueSoon = 4,
    RequestOverdue = 5,
    SuggestionCoSignInvited = 6,
    SuggestionAssigned = 7,
    SuggestionReplied = 8,
    SuggestionDueSoon = 9,
    SuggestionOverdue = 10,
    RequestSentBack = 11,
    ExtensionRequested = 12,
    ExtensionDecided = 13,
}

/// <summary>
/// One entry of a user's in-app inbox. <see cref="DedupeKey"/> is unique per user, so the reminder job and
/// the pages can raise the same notice any number of times (after a restart, from two instances) and the
/// user still gets it once.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    public NotificationKind Kind { get; set; }

    /// <summary>"request" or "suggestion".</summary>
    public string SubjectType { get; set; } = string.Empty;

    public long SubjectId { get; set; }

    /// <summary>The subject's number or title as it was when the notice was raised.</summary>
    public string SubjectLabel { get; set; } = string.Empty;

    public string DedupeKey { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>When the notice was also sent by e-mail (only with SMTP configured).</summary>
    public DateTimeOffset? EmailedAt { get; set; }
}
