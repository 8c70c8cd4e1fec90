using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Data;

/// <summary>
/// Sequence numbers for human-readable record numbers (2026-NG-000123), one counter per scope and year.
/// Incremented with an upsert so two clerks registering at the same moment never get the same number.
/// </summary>
public sealed class DocumentCounter
{
    public string Scope { get; set; } = string.Empty;

    public int Value { get; set; }

    public static async Task<int> NextAsync(AppDbContext db, string scope, CancellationToken ct)
    {
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
