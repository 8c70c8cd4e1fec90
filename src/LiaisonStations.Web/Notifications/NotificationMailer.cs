using System.Net;
using System.Net.Mail;
using LiaisonStations.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Notifications;

/// <summary>
/// The e-mail channel, off unless <c>Notifications:Smtp:Host</c> is set: new notices of users with an
/// e-mail address are sent once each (claimed with an UPDATE … RETURNING so two instances never send the same one).
/// </summary>
public sealed class NotificationMailer(AppDbContext db, IConfiguration configuration, IStringLocalizer<SharedResource> l, TimeProvider clock, ILogger<NotificationMailer> logger)
{
    public bool Enabled => !string.IsNullOrWhiteSpace(configuration["Notifications:Smtp:Host"]);

    public async Task<int> SendPendingAsync(CancellationToken ct)
    {
        if (!Enabled)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var claimed = await db.Database.SqlQuery<Pending>($"""
            UPDATE notifications n SET emailed_at = {now}
              FROM users u
             WHERE n.user_id = u.id
               AND n.id IN (SELECT n2.id FROM notifications n2 JOIN users u2 ON u2.id = n2.user_id
                             WHERE n2.emailed_at IS NULL AND n2.read_at IS NULL AND u2.email IS NOT NULL
                             ORDER BY n2.id LIMIT 200 FOR UPDATE OF n2 SKIP LOCKED)
            RETURNING n.id AS "Id", u.email AS "Email", n.kind AS "Kind", n.subject_label AS "Label"
            """).ToListAsync(ct);
        if (claimed.Count == 0)
        {
            return 0;
        }

        using var client = new SmtpClient(configuration["Notifications:Smtp:Host"], configuration.GetValue("Notifications:Smtp:Port", 25))
        {
            EnableSsl = configuration.GetValue("Notifications:Smtp:Ssl", false),
        };
        if (configuration["Notifications:Smtp:User"] is { Length: > 0 } user)
        {
            client.Credentials = new NetworkCredential(user, configuration["Notifications:Smtp:Password"]);
        }

        var from = configuration["Notifications:Smtp:From"] ?? "liaison@localhost";
        var sent = 0;
        foreach (var p in claimed)
        {
            try
            {
                var subject = $"{l["App.Name"]}{l["Common.Colon"]}{l[$"Enum.NotificationKind.{(NotificationKind)p.Kind}"]} {p.Label}";
                using var message = new MailMessage(from, p.Email, subject, subject);
                await client.SendMailAsync(message, ct);
                sent++;
            }
            catch (SmtpException e)
            {
                // The notice stays in the inbox; e-mail is a courtesy copy and is not retried.
                logger.LogWarning(e, "E-mail for notification {Id} not sent", p.Id);
            }
        }

        return sent;
    }

    private sealed record Pending(long Id, string Email, int Kind, string Label);
}
