using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Privacy;

/// <summary>
/// PIPL: citizens' personal data is kept no longer than needed. Requests that left the open states more than
/// <c>Privacy:RetentionYears</c> (default 3) ago lose the citizen's name, phone and address and their photos; the
/// request itself (category, summary, dates, states, evaluations) stays, so no figure changes. Bookings of reception
/// days older than that are deleted. Once a day, on any
/// number of instances (the updates are idempotent).
/// </summary>
public sealed class PersonalDataRetention(AppDbContext db, TimeProvider clock, IConfiguration configuration, IHttpContextAccessor http)
{
    public static int YearsFrom(IConfiguration configuration) => Math.Max(1, configuration.GetValue("Privacy:RetentionYears", 3));

    /// <summary>Anonymises what is due and returns how many requests it touched.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var cutoff = today.AddYears(-YearsFrom(configuration));
        var open = RequestWorkflow.Open.Select(s => (int)s).ToArray();

        // Finished (or, for spam, last changed) before the cut-off, and still holding something personal.
        var cutoffInstant = ChinaTime.StartOf(cutoff);
        var due = db.CitizenRequests.Where(r => !open.Contains((int)r.Status)
            && ((r.ClosedOn ?? r.FinishedOn) < cutoff || (r.ClosedOn == null && r.FinishedOn == null && r.UpdatedAt < cutoffInstant)));
        // The deletions, the anonymisation and their audit entry commit together or not at all.
        return await db.InOneTransactionAsync(
            async () =>
            {
                var photos = await db.RequestPhotos.Where(p => due.Any(r => r.Id == p.CitizenRequestId)).ExecuteDeleteAsync(ct);
                var requests = await due.Where(r => r.CitizenName != null || r.CitizenPhone != null || r.CitizenAddress != null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.CitizenName, (string?)null).SetProperty(r => r.CitizenPhone, (string?)null).SetProperty(r => r.CitizenAddress, (string?)null), ct);

                // Bookings of reception days before the cut-off: names and phones that no figure needs.
                var bookings = await db.Database.ExecuteSqlInterpolatedAsync(
                    $"DELETE FROM reception_day_appointments a USING reception_days d WHERE d.id = a.reception_day_id AND d.date < {cutoff}", ct);
                if (requests + photos + bookings > 0)
                {
                    var entry = AuditTrail.Entry(http, clock, "Privacy.Anonymised", nameof(CitizenRequest), null, AuditResult.Success,
                        $"requests={requests} photos={photos} bookings={bookings} cutoff={cutoff:yyyy-MM-dd}", null);
                    await AuditTrail.InsertAsync(db.Database, entry);
                }

                return requests;
            },
            ct);
    }
}

/// <summary>Runs <see cref="PersonalDataRetention"/> a minute after start and then daily (Privacy:AnonymiseDaily=false turns it off).</summary>
public sealed class PersonalDataRetentionService(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<PersonalDataRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Privacy:AnonymiseDaily", true))
        {
            return;
        }

        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromDays(1));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var count = await scope.ServiceProvider.GetRequiredService<PersonalDataRetention>().RunAsync(stoppingToken);
                if (count > 0)
                {
                    logger.LogInformation("Personal data of {Count} requests anonymised", count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Anonymisation run failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
