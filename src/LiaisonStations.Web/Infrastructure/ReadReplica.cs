using System.Globalization;
using Npgsql;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// The read replica named by <c>ConnectionStrings:ReadOnly</c> (a PostgreSQL hot standby, or an Npgsql multi-host
/// string such as <c>Host=replica1,replica2;Target Session Attributes=prefer-standby;Load Balance Hosts=true</c>),
/// probed every <see cref="ProbeInterval"/> by <see cref="ReadReplicaMonitor"/>: whether it answers and how far its
/// replay is behind the primary. Until a probe has succeeded, and after one fails, reads go to the primary.
/// </summary>
public sealed class ReadReplica : IAsyncDisposable
{
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(2);

    // Zero when the standby has replayed all it received (an idle primary's last replay timestamp is old, not late),
    // and on a server that is not in recovery (the primary itself, when a multi-host string falls back to it).
    private const string LagSql = """
        SELECT CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                    ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END::float8
        """;

    private readonly ILogger<ReadReplica> _logger;
    private volatile bool _up;
    private long _lagMilliseconds;

    public ReadReplica(IConfiguration configuration, ILogger<ReadReplica> logger)
    {
        _logger = logger;
        var connectionString = configuration.GetConnectionString("ReadOnly");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            DataSource = new NpgsqlDataSourceBuilder(DatabaseConnections.WithDefaults(connectionString, configuration)).Build();
        }

        ReadYourWritesWindow = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Database:ReadYourWritesSeconds", 10)));
    }

    /// <summary>The replica's pool, or null when no replica is configured.</summary>
    public NpgsqlDataSource? DataSource { get; }

    /// <summary>After a user's own change, their reads stay on the primary this long (or the replica's lag, if longer).</summary>
    public TimeSpan ReadYourWritesWindow { get; }

    public bool IsUp => _up;

    /// <summary>How far the replica's replay was behind at the last probe.</summary>
    public TimeSpan Lag => TimeSpan.FromMilliseconds(Interlocked.Read(ref _lagMilliseconds));

    public async Task ProbeAsync(CancellationToken ct)
    {
        if (DataSource is null)
        {
            return;
        }

        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(ct);
            await using var command = new NpgsqlCommand(LagSql, connection) { CommandTimeout = 3 };
            var seconds = Convert.ToDouble(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            Interlocked.Exchange(ref _lagMilliseconds, (long)(seconds * 1000));
            if (!_up)
            {
                _logger.LogInformation("Read replica up (lag {Lag:0.0} s): reads go to it", seconds);
            }

            _up = true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            MarkDown(e);
        }
    }

    /// <summary>A probe or a page could not reach the replica: reads go to the primary until a probe succeeds again.</summary>
    public void MarkDown(Exception reason)
    {
        if (_up)
        {
            _logger.LogWarning("Read replica down, reads go to the primary: {Reason}", DatabaseOutage.Reason(reason));
        }

        _up = false;
        DataSource?.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }
    }
}

/// <summary>Probes the read replica every two seconds (only when one is configured).</summary>
public sealed class ReadReplicaMonitor(ReadReplica replica) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (replica.DataSource is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(ReadReplica.ProbeInterval);
        do
        {
            await replica.ProbeAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>
/// Which pool this request's reads use (<see cref="Data.ReadOnlyDb"/>, the statistics queries): the replica for
/// reading requests (GET, HEAD) while it is up, unless the user saved something within the read-your-writes window —
/// then, and for every other request, the primary, so nobody misses their own change.
/// </summary>
public sealed class ReadConnections(ReadReplica replica, NpgsqlDataSource primary, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>Set by a committed change (unix seconds): the browser's reads stay on the primary for a while after.</summary>
    public const string WroteCookie = "liaison.wrote";

    private NpgsqlDataSource? _chosen;

    public NpgsqlDataSource DataSource => _chosen ??= Choose();

    /// <summary>Whether this scope's reads went to the replica (false while nothing has been read through it).</summary>
    public bool OnReplica => _chosen is { } chosen && !ReferenceEquals(chosen, primary);

    /// <summary>How old the replica's data may be (zero on the primary).</summary>
    public TimeSpan Lag => OnReplica ? replica.Lag : TimeSpan.Zero;

    /// <summary>A change of the current user committed: their next reads (this request and, by the cookie, the next ones) use the primary.</summary>
    public static void NoteWrite(HttpContext? context, DateTimeOffset now)
    {
        if (context is null)
        {
            return;
        }

        context.Items[WroteCookie] = now;
        if (!context.Response.HasStarted)
        {
            context.Response.Cookies.Append(WroteCookie, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                Path = "/",
                MaxAge = TimeSpan.FromMinutes(5),
                IsEssential = true,
            });
        }
    }

    private NpgsqlDataSource Choose()
    {
        if (replica.DataSource is null || !replica.IsUp)
        {
            return primary;
        }

        var context = http.HttpContext;
        if (context is null)
        {
            return replica.DataSource;
        }

        if (!(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) || context.Items.ContainsKey(WroteCookie))
        {
            return primary;
        }

        var window = replica.Lag + TimeSpan.FromSeconds(2) > replica.ReadYourWritesWindow ? replica.Lag + TimeSpan.FromSeconds(2) : replica.ReadYourWritesWindow;
        if (context.Request.Cookies.TryGetValue(WroteCookie, out var text)
            && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            && clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799)) < window)
        {
            return primary;
        }

        return replica.DataSource;
    }
}
