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

    /// <summary>
    /// Saves a form's record under its key, once. <paramref name="save"/> numbers and saves it with the key it is
    /// given. When another send of the same form saved first (sent twice at the same moment), <paramref name="earlier"/>
    /// finds that record and it is returned with <c>SavedBefore</c>; when it finds none the key was someone else's
    /// (a copied form, another phone), and the record is saved without it.
    /// </summary>
    public static async Task<(T Record, bool SavedBefore)> SaveOnceAsync<T>(AppDbContext db, Guid? key, Func<Guid?, Task<T>> save, Func<Task<T?>> earlier, ILogger logger)
        where T : class
    {
        try
        {
            return (await save(key), false);
        }
        catch (DbUpdateException e) when (Clashed(e))
        {
            // The failed save gave its number back; nothing of it stays tracked.
            db.ChangeTracker.Clear();
            if (await earlier() is { } saved)
            {
                return (saved, true);
            }

            logger.LogWarning("A form came with a one-time key another form used: saved without it ({Reason})", e.InnerException?.Message);
            return (await save(null), false);
        }
    }
}
