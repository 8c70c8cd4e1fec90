using LiaisonStations.Web.Data;

namespace LiaisonStations.Web.Notifications;

/// <summary>
/// Runs the deadline reminders every <c>Notifications:ReminderIntervalMinutes</c> (default 30; 0 turns it
/// off) and, when SMTP is configured, sends the new notices by e-mail. Safe to run on several instances:
/// the inserts are idempotent and each e-mail is claimed by one instance before it is sent.
/// </summary>
public sealed class ReminderService(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<ReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Notifications:ReminderIntervalMinutes", 30);
        if (minutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
                var created = await notifier.RaiseDeadlineNoticesAsync(stoppingToken);
                scope.ServiceProvider.GetRequiredService<Infrastructure.WorkMetrics>().OverdueReferrals(await notifier.CountOverdueReferralsAsync(stoppingToken));
                var mailed = await scope.ServiceProvider.GetRequiredService<NotificationMailer>().SendPendingAsync(stoppingToken);
                if (created + mailed > 0)
                {
                    logger.LogInformation("Reminders: {Created} notices raised, {Mailed} e-mails sent", created, mailed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; a database that is briefly away must not stop the reminders for good.
                logger.LogError(e, "Reminder run failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
