using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace LiaisonStations.Web.Infrastructure.Auditing;

/// <summary>
/// Writes audit entries for events that are not a change of a business record (sign-in, unmasking,
/// exports, account administration). Business changes are audited by <see cref="AuditInterceptor"/>.
/// </summary>
public sealed class AuditTrail(AppDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>
    /// Writes the entry at once, independent of any unsaved changes in the context (inside an open transaction,
    /// as part of it). It never takes the request's cancellation: an event that happened is recorded.
    /// </summary>
    public Task WriteAsync(string action, string? targetType, string? targetId, AuditResult result, string? details, string? userName = null) =>
        InsertAsync(db.Database, Entry(http, clock, action, targetType, targetId, result, details, userName));

    /// <summary>Adds the entry to the context so it is saved with the change it describes, in the same transaction.</summary>
    public void Add(string action, string? targetType, string? targetId, AuditResult result = AuditResult.Success, string? details = null) =>
        db.AuditEntries.Add(Entry(http, clock, action, targetType, targetId, result, details, null));

    /// <summary>An entry stamped with the current time, user and client address.</summary>
    internal static AuditEntry Entry(IHttpContextAccessor http, TimeProvider clock, string action, string? targetType, string? targetId, AuditResult result, string? details, string? userName)
    {
        var context = http.HttpContext;
        var user = context is null ? CurrentUser.Anonymous : new CurrentUser(context.User);
        return new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserId = user.UserId,
            UserName = userName ?? user.UserName,
            ClientAddress = context?.Connection.RemoteIpAddress?.ToString(),
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Result = result,
            Details = details is { Length: > 1000 } ? details[..1000] : details,
        };
    }

    /// <summary>Inserts straight away with SQL, outside the change tracker.</summary>
    internal static async Task InsertAsync(DatabaseFacade database, AuditEntry entry) =>
        await database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO audit_entries (at, user_id, user_name, client_address, action, target_type, target_id, result, details)
            VALUES ({entry.At}, {entry.UserId}, {entry.UserName}, {entry.ClientAddress}, {entry.Action}, {entry.TargetType}, {entry.TargetId}, {(int)entry.Result}, {entry.Details})
            """,
            CancellationToken.None);
}
