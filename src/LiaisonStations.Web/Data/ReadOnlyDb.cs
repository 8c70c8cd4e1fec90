using LiaisonStations.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Data;

/// <summary>
/// The database for pages that only read (dashboards, /api/stats, exports, registers, lists, the citizens' pages):
/// the same model as <see cref="AppDbContext"/> over the connection <see cref="ReadConnections"/> chose for this request —
/// the read replica (ConnectionStrings:ReadOnly) when there is one, it is up, and the user has not just saved
/// something; otherwise the primary. It never saves.
/// </summary>
public sealed class ReadOnlyDb(DbContextOptions<ReadOnlyDb> options) : AppDbContext(options)
{
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new InvalidOperationException("ReadOnlyDb does not save: write through AppDbContext.");

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("ReadOnlyDb does not save: write through AppDbContext.");
}
