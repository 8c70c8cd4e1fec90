using LiaisonStations.Web.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MimeKit;

namespace LiaisonStations.Web.Notifications;

/// <summary>
/// The e-mail channel (MailKit), off unless <c>Notifications:Smtp:Host</c> is set: new notices of users with an
/// e-mail address are sent once each (claimed with an UPDATE … RETURNING so two instances never send the same one).
/// TLS is used whenever credentials are set (and whenever the server offers it); connecting is retried with backoff;
/// a notice whose mail fails is released, so the next run sends it again.
/// </summary>
public sealed class NotificationMailer(AppDbContext db, IConfiguration configuration, IStringLocalizer<SharedResource> l, TimeProvider clock, ILogger<NotificationMailer> logger)
{
    /// <summary>Waits between connection attempts, in units of <c>Notifications:Smtp:RetrySeconds</c> (1 by default).</summary>
    private static readonly int[] Backoff = [1, 3, 9];

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
            RETURNING n.id, u.email, n.kind, n.subject_label AS label
            """).ToListAsync(ct);
        if (claimed.Count == 0)
        {
            return 0;
        }

        using var client = new SmtpClient();
        if (!await ConnectAsync(client, ct))
        {
            await ReleaseAsync(claimed.Select(p => p.Id).ToArray());
            return 0;
        }

        var from = MailboxAddress.Parse(configuration["Notifications:Smtp:From"] ?? "liaison@localhost");
        var sent = 0;
        var failed = new List<long>();
        foreach (var p in claimed)
        {
            try
            {
                var subject = $"{l["App.Name"]}{l["Common.Colon"]}{l[$"Enum.NotificationKind.{(NotificationKind)p.Kind}"]} {p.Label}";
                using var message = new MimeMessage([from], [MailboxAddress.Parse(p.Email)], subject, new TextPart("plain") { Text = subject });
                await client.SendAsync(message, ct);
                sent++;
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ParseException or IOException)
            {
                logger.LogWarning(e, "E-mail for notification {Id} not sent; it will be tried again", p.Id);
                failed.Add(p.Id);
                if (!client.IsConnected && !await ConnectAsync(client, ct))
                {
                    failed.AddRange(claimed.Skip(sent + failed.Count).Select(x => x.Id));
                    break;
                }
            }
        }

        await ReleaseAsync([.. failed]);
        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, ct);
        }

        return sent;
    }

    /// <summary>Connects (and signs in when credentials are set), retrying with backoff; false when the server stays unreachable.</summary>
    private async Task<bool> ConnectAsync(SmtpClient client, CancellationToken ct)
    {
        var host = configuration["Notifications:Smtp:Host"]!;
        var port = configuration.GetValue("Notifications:Smtp:Port", 25);
        var user = configuration["Notifications:Smtp:User"];
        var security = configuration.GetValue("Notifications:Smtp:Ssl", false) && port == 465 ? SecureSocketOptions.SslOnConnect
            : configuration.GetValue("Notifications:Smtp:Ssl", false) || !string.IsNullOrEmpty(user) ? SecureSocketOptions.StartTls
            : SecureSocketOptions.StartTlsWhenAvailable;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await client.ConnectAsync(host, port, security, ct);
                if (!string.IsNullOrEmpty(user))
                {
                    await client.AuthenticateAsync(user, configuration["Notifications:Smtp:Password"] ?? string.Empty, ct);
                }

                return true;
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SmtpCommandException or SmtpProtocolException or AuthenticationException or SslHandshakeException)
            {
                if (attempt >= Backoff.Length)
                {
                    logger.LogWarning(e, "SMTP server {Host}:{Port} not reachable; notices stay unsent and are tried again later", host, port);
                    return false;
                }

                await Task.Delay(TimeSpan.FromSeconds(Backoff[attempt] * configuration.GetValue("Notifications:Smtp:RetrySeconds", 1.0)), ct);
            }
        }
    }

    /// <summary>Marks notices as not mailed again, so a later run sends them.</summary>
    private async Task ReleaseAsync(long[] ids)
    {
        if (ids.Length > 0)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE notifications SET emailed_at = NULL WHERE id = ANY({ids})", CancellationToken.None);
        }
    }

    private sealed record Pending(long Id, string Email, int Kind, string Label);
}
