using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Data;

/// <summary>
/// A form's one-time key (<c>citizen_requests.submission_key</c>, unique): the same form sent twice makes one request.
/// </summary>
public static class SubmissionKeys
{
    private const string UniqueIndex = "ix_citizen_requests_submission_key";

    /// <summary>Whether a save failed because another send of the same form saved first.</summary>
    public static bool Clashed(DbUpdateException e) =>
        e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, ConstraintName: UniqueIndex };
}
