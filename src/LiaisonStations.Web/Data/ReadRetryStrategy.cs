using LiaisonStations.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace LiaisonStations.Web.Data;

/// <summary>
/// A read that meets a connection the database's last restart killed is run once more on a fresh one. After a
/// quiet outage (nobody used the site while the database was down) the pool still holds such connections, and
/// only their first use finds out; without this the first pages after the database returned would fail.
/// Only reads outside a transaction are retried: a change runs in one transaction (AppDbContext), and if it
/// fails nothing of it was saved — the user is told to try again rather than having it repeated for them.
/// </summary>
public sealed class ReadRetryStrategy(ExecutionStrategyDependencies dependencies) : ExecutionStrategy(dependencies, maxRetryCount: 1, maxRetryDelay: TimeSpan.Zero)
{
    public override bool RetriesOnFailure => base.RetriesOnFailure && Dependencies.CurrentContext.Context.GetService<IRelationalConnection>().CurrentTransaction is null;

    protected override bool ShouldRetryOn(Exception exception) => DatabaseOutage.Is(exception);

    /// <summary>No waiting: the retry is about a dead connection, not a busy server.</summary>
    protected override TimeSpan? GetNextDelay(Exception lastException) => base.GetNextDelay(lastException) is null ? null : TimeSpan.Zero;

    /// <summary>The other idle connections died with the same restart: the pool starts afresh.</summary>
    protected override void OnRetry()
    {
        if (Dependencies.CurrentContext.Context.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            NpgsqlConnection.ClearPool(connection);
        }
    }
}
