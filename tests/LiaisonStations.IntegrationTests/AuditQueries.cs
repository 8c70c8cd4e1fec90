using LiaisonStations.Web.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.IntegrationTests;

internal static class AuditQueries
{
    public static async Task<List<AuditEntry>> EntriesAsync(this AppFixture fixture, string action)
    {
        await using var db = fixture.Db();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Id).ToListAsync();
    }
}
