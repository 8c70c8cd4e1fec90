using System.Data.Common;
using Npgsql;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// The one pool of connections to PostgreSQL that everything shares (EF Core, the statistics queries, the
/// health check), sized well below the server's <c>max_connections</c>: with the PostgreSQL default of 100,
/// two instances of 30 connections leave room for migrations, backups and an administrator's psql. Only
/// what the connection string does not say itself is filled in here.
/// </summary>
public static class DatabaseConnections
{
    /// <summary>Connections per instance unless the connection string names "Maximum Pool Size" (Database:MaxPoolSize).</summary>
    public const int DefaultMaxPoolSize = 30;

    /// <summary>
    /// Seconds to wait for a connection — to open one, or for a free one in a busy pool — unless the connection
    /// string says otherwise: while the database is unreachable no page waits longer than this.
    /// </summary>
    public const int DefaultTimeoutSeconds = 8;

    public static NpgsqlDataSource Create(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("ConnectionStrings:Default is not configured.");
        }

        return new NpgsqlDataSourceBuilder(WithDefaults(connectionString, configuration)).Build();
    }

    public static string WithDefaults(string connectionString, IConfiguration configuration)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(given, "Maximum Pool Size", "Max Pool Size", "MaxPoolSize"))
        {
            builder.MaxPoolSize = configuration.GetValue("Database:MaxPoolSize", DefaultMaxPoolSize);
        }

        if (!Names(given, "Timeout"))
        {
            builder.Timeout = DefaultTimeoutSeconds;
        }

        // No DISCARD ALL each time a pooled connection is handed back: the application sets no session state (no SET,
        // no temporary tables; its one session lock, the migrator's, is taken and released on a connection of its own).
        if (!Names(given, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        // The pages send the same few dozen statements all day: prepared once per connection, PostgreSQL skips parsing
        // and planning them again (measured: a fifth of the database's work on the request list).
        if (!Names(given, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    private static bool Names(DbConnectionStringBuilder given, params string[] keys) => keys.Any(given.ContainsKey);
}

/// <summary>
/// How many aggregate queries (dashboards, statistics) run at once in this process, whoever asks: the rest
/// wait their turn here (a queue, not an error), so a burst of dashboard users cannot take every pooled
/// connection from the clerks' pages. Database:MaxParallelAggregates, by default twice the processor count.
/// </summary>
public sealed class AggregateGate(IConfiguration configuration) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, configuration.GetValue("Database:MaxParallelAggregates", Math.Max(4, Environment.ProcessorCount * 2))));

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
