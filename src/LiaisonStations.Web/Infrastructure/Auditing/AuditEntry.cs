namespace LiaisonStations.Web.Infrastructure.Auditing;

public enum AuditResult
{
    Success = 1,
    Failure = 2,
    Denied = 3,
}

/// <summary>
/// One line of the audit trail: when, who, from where, what, on what, with which result. The application
/// only ever inserts these rows; a database trigger refuses updates and deletes (and lets the retention
/// purge remove only rows older than 180 days).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string? UserId { get; set; }

    public string? UserName { get; set; }

    public string? ClientAddress { get; set; }

    /// <summary>What happened, e.g. Login.Failed, User.RoleChanged, Station.Closed, Request.Unmasked, Export.Stations.</summary>
    public string Action { get; set; } = string.Empty;

    public string? TargetType { get; set; }

    public string? TargetId { get; set; }

    public AuditResult Result { get; set; }

    /// <summary>Short facts (never personal data such as phone numbers).</summary>
    public string? Details { get; set; }
}
