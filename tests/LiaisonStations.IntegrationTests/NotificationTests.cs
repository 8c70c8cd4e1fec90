using System.Net;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiaisonStations.IntegrationTests;

/// <summary>The in-app inbox: notices raised by the steps people take, and deadline reminders raised once each however often the job runs.</summary>
public sealed class NotificationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<long> ReferredRequestAsync(string number, DateOnly dueOn, DateTimeOffset referredAt)
    {
        await using var db = fixture.Db();
        var clerk = new Actor(null, "联络员");
        var r = CitizenRequest.Register(number, "NOTIFY" + number.Replace("-", string.Empty, StringComparison.Ordinal), fixture.Data.RongshiStationId, null, RequestChannel.WalkIn, fixture.Data.HeatingCategoryId, "测试提醒", CitizenContact.Anonymous, clerk, referredAt);
        r.AssignDeputies([fixture.Data.RongshiDeputyIds[0]], null, clerk, referredAt);
        r.Refer(fixture.Data.HeatingDepartmentId, dueOn, null, clerk, referredAt);
        db.CitizenRequests.Add(r);
        await db.SaveChangesAsync();
        return r.Id;
    }

    private static async Task<int> RaiseAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Notifier>().RaiseDeadlineNoticesAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Assigning_a_deputy_puts_a_notice_in_the_deputys_inbox_which_opens_the_request_and_is_then_read()
    {
        await using (var db = fixture.Db())
        {
            var r = CitizenRequest.Register("2026-NG-300001", "NOTIFYASSIGN0001", fixture.Data.RongshiStationId, null, RequestChannel.WalkIn, fixture.Data.HeatingCategoryId, "路面塌陷", CitizenContact.Anonymous, Actor.System, FixedClock.Default);
            db.CitizenRequests.Add(r);
            await db.SaveChangesAsync();
        }

        long id;
        await using (var db = fixture.Db())
        {
            id = await db.CitizenRequests.Where(r => r.TrackingNumber == "2026-NG-300001").Select(r => r.Id).SingleAsync();
        }

        var clerk = await fixture.SessionAsync("clerk");
        var form = await clerk.GetAsync($"/Requests/Act/{id}/AssignDeputies");
        using (var assigned = await clerk.SubmitAsync(form, "#step-form", new Dictionary<string, string?> { ["Input.DeputyIds"] = fixture.Data.RongshiDeputyIds[0].ToString(System.Globalization.CultureInfo.InvariantCulture) }, pageUrl: $"/Requests/Act/{id}/AssignDeputies"))
        {
            Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        }

        var deputy = await fixture.SessionAsync("deputy");
        var home = await deputy.GetAsync("/");
        Assert.NotNull(home.QuerySelector("#unread-count"));
        Assert.Contains("2026-NG-300001", home.QuerySelector("#requests-MyFollowUp")!.TextContent, StringComparison.Ordinal);
        var inbox = await deputy.GetAsync("/Notifications");
        var notice = inbox.QuerySelectorAll("#notifications form").Single(f => f.TextContent.Contains("2026-NG-300001", StringComparison.Ordinal));
        Assert.Contains("分派给您的诉求", notice.TextContent, StringComparison.Ordinal);
        using var opened = await deputy.SubmitAsync(inbox, $"#notifications form[action='{notice.GetAttribute("action")}']", pageUrl: "/Notifications");
        Assert.Equal($"/Requests/Details/{id}", opened.Headers.Location!.OriginalString);
        await using var check = fixture.Db();
        Assert.NotNull((await check.Notifications.SingleAsync(n => n.SubjectId == id && n.Kind == NotificationKind.RequestAssigned)).ReadAt);

        // Another user's notice id typed into the form: not found, nothing changes.
        var other = await check.Notifications.Where(n => n.SubjectId == id).Select(n => n.Id).SingleAsync();
        var clerkToken = await clerk.AntiforgeryTokenAsync();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = clerkToken });
        using var foreign = await clerk.Client.PostAsync($"/Notifications?handler=Open&id={other}", content);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task Overdue_and_due_soon_notices_are_created_once_each_however_often_and_wherever_the_job_runs()
    {
        var earlier = FixedClock.Default.AddDays(-20);
        var overdue = await ReferredRequestAsync("2026-NG-300101", new DateOnly(2026, 11, 18), earlier);
        var soon = await ReferredRequestAsync("2026-NG-300102", new DateOnly(2026, 11, 24), earlier);
        var later = await ReferredRequestAsync("2026-NG-300103", new DateOnly(2026, 12, 18), earlier);

        // Two instances of the app over the same database, run at the same time, then again.
        await using var second = new AppFactory(fixture.AppConnectionString);
        var first = await Task.WhenAll(RaiseAsync(fixture.Factory), RaiseAsync(second));
        var again = await RaiseAsync(fixture.Factory);

        await using var db = fixture.Db();
        var notices = await db.Notifications.AsNoTracking().Where(n => n.SubjectType == "request" && (n.SubjectId == overdue || n.SubjectId == soon || n.SubjectId == later)).ToListAsync();
        // The deputy, the department liaison and the station clerk each get one overdue and one due-soon notice.
        Assert.Equal(3, notices.Count(n => n.SubjectId == overdue && n.Kind == NotificationKind.RequestOverdue));
        Assert.Equal(3, notices.Count(n => n.SubjectId == soon && n.Kind == NotificationKind.RequestDueSoon));
        Assert.DoesNotContain(notices, n => n.SubjectId == later);
        Assert.Equal(0, again);
        Assert.Equal(6, first.Sum());
        Assert.Equal(notices.Count, notices.Select(n => (n.UserId, n.DedupeKey)).Distinct().Count());
    }

    [Fact]
    public async Task The_badge_follows_notices_read_or_raised_through_another_instance_at_once()
    {
        // Two instances on one database, as behind a balancer. The badge's count is kept 15 s per instance; only the
        // database's notice of the change (migration 0018) can clear it sooner on the instance that did not do it.
        async Task RaiseAsync(string key)
        {
            await using var db = fixture.Db();
            var user = await db.Users.SingleAsync(u => u.UserName == "department");
            db.Notifications.Add(new Notification
            {
                UserId = user.Id, Kind = NotificationKind.RequestReferred, SubjectType = "request", SubjectId = 999_999_997, SubjectLabel = "2026-NG-999997",
                DedupeKey = key, CreatedAt = FixedClock.Default.ToUniversalTime(),
            });
            await db.SaveChangesAsync();
        }

        await RaiseAsync("test:badge-1");
        await RaiseAsync("test:badge-2");
        await using var first = new AppFactory(fixture.AppConnectionString);
        await using var second = new AppFactory(fixture.AppConnectionString);
        var here = await first.SignedInAsync("department");
        var there = await second.SignedInAsync("department");
        async Task<string?> BadgeAsync() => (await there.GetAsync("/")).QuerySelector("#unread-count")?.TextContent.Trim();
        async Task<string?> BadgeBecomesAsync(string? expected)
        {
            var badge = await BadgeAsync();
            for (var i = 0; i < 50 && badge != expected; i++)
            {
                await Task.Delay(100);
                badge = await BadgeAsync();
            }

            return badge;
        }

        Assert.NotNull(await BadgeAsync());

        var inbox = await here.GetAsync("/Notifications");
        using (var read = await here.SubmitAsync(inbox, "form[action*='handler=ReadAll']", pageUrl: "/Notifications"))
        {
            Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);
        }

        Assert.Null(await BadgeBecomesAsync(null));

        await RaiseAsync("test:badge-3");
        Assert.Equal("1", await BadgeBecomesAsync("1"));
    }

    [Fact]
    public async Task With_smtp_configured_each_new_notice_is_mailed_once_to_users_with_an_address()
    {
        using var smtp = new FakeSmtpServer();
        await using (var db = fixture.Db())
        {
            var deputy = await db.Users.SingleAsync(u => u.UserName == "deputy");
            deputy.Email = "deputy@example.gov.cn";
            db.Notifications.Add(new Notification
            {
                UserId = deputy.Id, Kind = NotificationKind.RequestOverdue, SubjectType = "request", SubjectId = 1, SubjectLabel = "2026-NG-999999",
                DedupeKey = "test:mail", CreatedAt = FixedClock.Default.ToUniversalTime(),
            });
            await db.SaveChangesAsync();
        }

        await using var mailing = new AppFactory(fixture.AppConnectionString, settings: new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Smtp:From"] = "liaison@example.gov.cn",
        });
        async Task<int> SendAsync()
        {
            await using var scope = mailing.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<NotificationMailer>().SendPendingAsync(CancellationToken.None);
        }

        var first = await SendAsync();
        var second = await SendAsync();

        Assert.True(first >= 1);
        Assert.Equal(0, second);
        Assert.Contains(smtp.Messages, m => m.Contains("deputy@example.gov.cn", StringComparison.Ordinal));
        await using var check = fixture.Db();
        Assert.NotNull((await check.Notifications.SingleAsync(n => n.DedupeKey == "test:mail")).EmailedAt);
    }

    [Fact]
    public async Task A_mail_the_server_refuses_or_cannot_take_leaves_the_notice_unsent_and_a_later_run_sends_it()
    {
        await using (var db = fixture.Db())
        {
            var clerk = await db.Users.SingleAsync(u => u.UserName == "clerk");
            clerk.Email = "clerk@example.gov.cn";
            db.Notifications.Add(new Notification
            {
                UserId = clerk.Id, Kind = NotificationKind.RequestReplied, SubjectType = "request", SubjectId = 2, SubjectLabel = "2026-NG-999998",
                DedupeKey = "test:mail-retry", CreatedAt = FixedClock.Default.ToUniversalTime(),
            });
            await db.SaveChangesAsync();
        }

        async Task<int> SendAsync(int port)
        {
            await using var mailing = new AppFactory(fixture.AppConnectionString, settings: new Dictionary<string, string?>
            {
                ["Notifications:Smtp:Host"] = "127.0.0.1",
                ["Notifications:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Notifications:Smtp:RetrySeconds"] = "0",
            });
            await using var scope = mailing.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<NotificationMailer>().SendPendingAsync(CancellationToken.None);
        }

        async Task<DateTimeOffset?> EmailedAtAsync()
        {
            await using var check = fixture.Db();
            return (await check.Notifications.SingleAsync(n => n.DedupeKey == "test:mail-retry")).EmailedAt;
        }

        using (var refusing = new FakeSmtpServer(refuseData: true))
        {
            await SendAsync(refusing.Port);
            Assert.Null(await EmailedAtAsync());
        }

        // Nobody listening: connecting fails after its retries, the notice stays unsent.
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var closedPort = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        Assert.Equal(0, await SendAsync(closedPort));
        Assert.Null(await EmailedAtAsync());

        using var working = new FakeSmtpServer();
        Assert.True(await SendAsync(working.Port) >= 1);
        Assert.NotNull(await EmailedAtAsync());
        Assert.Contains(working.Messages, m => m.Contains("clerk@example.gov.cn", StringComparison.Ordinal));
    }

    /// <summary>Just enough SMTP to accept messages on a loopback port and keep them for the test (or refuse every message).</summary>
    private sealed class FakeSmtpServer : IDisposable
    {
        private readonly bool _refuseData;

        private readonly System.Net.Sockets.TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly List<string> _messages = [];

        public FakeSmtpServer(bool refuseData = false)
        {
            _refuseData = refuseData;
            _listener.Start();
            _ = Task.Run(AcceptAsync);
        }

        public int Port => ((System.Net.IPEndPoint)_listener.LocalEndpoint).Port;

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages)
                {
                    return _messages.ToList();
                }
            }
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                using var stream = client.GetStream();
                using var reader = new StreamReader(stream);
                await using var writer = new StreamWriter(stream) { AutoFlush = true, NewLine = "\r\n" };
                await writer.WriteLineAsync("220 fake");
                var message = new System.Text.StringBuilder();
                while (await reader.ReadLineAsync() is { } line)
                {
                    message.AppendLine(line);
                    if (_refuseData && line.StartsWith("DATA", StringComparison.OrdinalIgnoreCase))
                    {
                        await writer.WriteLineAsync("554 transaction failed");
                    }
                    else if (line.StartsWith("DATA", StringComparison.OrdinalIgnoreCase))
                    {
                        await writer.WriteLineAsync("354 go ahead");
                        while (await reader.ReadLineAsync() is { } data && data != ".")
                        {
                            message.AppendLine(data);
                        }

                        lock (_messages)
                        {
                            _messages.Add(message.ToString());
                        }

                        message.Clear();
                        await writer.WriteLineAsync("250 queued");
                    }
                    else if (line.StartsWith("QUIT", StringComparison.OrdinalIgnoreCase))
                    {
                        await writer.WriteLineAsync("221 bye");
                        break;
                    }
                    else
                    {
                        await writer.WriteLineAsync("250 ok");
                    }
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
