using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Data;

/// <summary>
/// Sequence numbers for human-readable record numbers (2026-NG-000123), one counter per scope and year.
/// Incremented with an upsert so two clerks registering at the same moment never get the same number, in the
/// transaction of the record it numbers so that none is skipped.
/// </summary>
public sealed class DocumentCounter
{
    public string Scope { get; set; } = string.Empty;

    public int Value { get; set; }

    /// <summary>
    /// The scope's next number, taken inside the transaction that saves the numbered record: the counter row stays
    /// locked until it commits, and a save that fails gives the number back, so numbers run without gaps (an
    /// auditor reads a gap as a deleted record).
    /// </summary>
    public static async Task<int> NextAsync(AppDbContext db, string scope, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A record number is taken inside the transaction that saves the record (AppDbContext.InOneTransactionAsync).");
        }

        var values = await db.Database
            .SqlQuery<int>($"""
                INSERT INTO document_counters (scope, value) VALUES ({scope}, 1)
                ON CONFLICT (scope) DO UPDATE SET value = document_counters.value + 1
                RETURNING value AS "Value"
                """)
            .ToListAsync(ct);
        return values[0];
    }
}
