using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiaisonStations.Web.Infrastructure.Caching;

/// <summary>
/// Tells the other instances that business data changed, through PostgreSQL's LISTEN/NOTIFY on the primary (no
/// broker to run): each instance drops its caches (figures, reference lists and list totals, the citizens' pages)
/// as soon as another one commits a change, instead of serving them out their lifetime. The payload starts with the
/// sender's instance id, so an instance ignores its own notices (it has acted on them already); ended sessions travel
/// the same way (<see cref="Security.UserSessions"/>), so a disabled account is refused at once on every instance.
/// </summary>
public sealed class ChangeFeed(NpgsqlDataSource dataSource, ILogger<ChangeFeed> logger)
{
    public const string Channel = "liaison_changes";

    /// <summary>This process, as named in its notices.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    public async ValueTask PublishAsync()
    {
        try
        {
            await using var command = dataSource.CreateCommand($"SELECT pg_notify('{Channel}', @instance)");
            command.Parameters.AddWithValue("instance", InstanceId);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (DatabaseOutage.Is(e))
        {
            // The change itself is committed; the other instances' caches expire on their own (60 s at most).
            logger.LogWarning("Could not notify the other instances of a change: {Reason}", DatabaseOutage.Reason(e));
        }
    }

    /// <summary>
    /// A notice of <paramref name="kind"/> ("instance|kind|value", read by <see cref="ChangeFeedListener"/>) sent inside
    /// the caller's transaction, so the other instances get it when the change commits, not before.
    /// </summary>
    public async Task NotifyWithinAsync(DbContext db, string kind, string value)
    {
        var payload = $"{InstanceId}|{kind}|{value}";
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_notify({Channel}, {payload})", CancellationToken.None);
    }
}

/// <summary>
/// Listens on one connection of its own for the other instances' notices and drops this instance's caches. After
/// the connection is lost it reconnects every few seconds and drops the caches once, since notices sent meanwhile
/// are gone. Off when <c>Caching:ChangeFeed</c> is false.
/// </summary>
public sealed class ChangeFeedListener(IConfiguration configuration, ChangeFeed feed, DataChanges changes, Security.SessionChecks sessions, Microsoft.Extensions.Caching.Memory.IMemoryCache memory, TimeProvider clock, ILogger<ChangeFeedListener> logger) : BackgroundService
{
    public static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Caching:ChangeFeed", true))
        {
            return;
        }

        var connectionString = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        // Its own connection, outside the pool: a LISTEN must stay on one session, and an idle one should not hold a pool slot.
        var builder = new NpgsqlConnectionStringBuilder(DatabaseConnections.WithDefaults(connectionString, configuration))
        {
            Pooling = false,
            KeepAlive = 30,
        };
        var missedSome = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                var fromOthers = false;
                connection.Notification += (_, e) =>
                {
                    // "instance" for a data change; "instance|ended-user|id" and "instance|ended-session|id" for sessions;
                    // "db|inbox|id" from the database itself when a user's notices change (for every instance, this one too).
                    var parts = e.Payload.Split('|');
                    if (parts[0] == feed.InstanceId)
                    {
                        return;
                    }

                    if (parts.Length == 3 && parts[1] == Notifications.Inbox.ChangeKind)
                    {
                        Notifications.Inbox.Changed(memory, parts[2]);
                    }
                    else if (parts.Length == 3 && parts[1] == Security.SessionChecks.EndedUser)
                    {
                        sessions.EndedFor(parts[2], clock.GetUtcNow());
                    }
                    else if (parts.Length == 3 && parts[1] == Security.SessionChecks.EndedSession && Guid.TryParseExact(parts[2], "N", out var session))
                    {
                        sessions.Ended(session);
                    }
                    else
                    {
                        fromOthers = true;
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeFeed.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (missedSome)
                {
                    await changes.DropLocalAsync();
                    logger.LogInformation("Listening for other instances' changes again");
                    missedSome = false;
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    // Returns after each notice (raised on this thread, within the call).
                    await connection.WaitAsync(stoppingToken);
                    if (fromOthers)
                    {
                        fromOthers = false;
                        await changes.DropLocalAsync();
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (!missedSome)
                {
                    logger.LogWarning("Lost the change feed, retrying every {Seconds} s: {Reason}", ReconnectDelay.TotalSeconds, DatabaseOutage.Reason(e));
                }

                missedSome = true;
                try
                {
                    await Task.Delay(ReconnectDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
