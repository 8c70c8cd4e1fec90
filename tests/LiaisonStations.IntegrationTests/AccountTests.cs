using System.Net;
using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiaisonStations.IntegrationTests;

/// <summary>Sign-in, lockout, idle sign-out, password rules and the forced change, through the real pages.</summary>
public sealed class AccountTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static async Task<HttpResponseMessage> TryAsync(PageSession session, string user, string password) => await session.SignInAsync(user, password);

    [Fact]
    public async Task Anonymous_users_are_sent_to_the_login_page()
    {
        using var client = fixture.Factory.CreatePageClient();

        using var response = await client.GetAsync("/Stations");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_and_sign_out_work_and_are_audited()
    {
        var session = await fixture.SignedInAsync("city");
        var home = await session.GetAsync("/");
        Assert.Contains("市人大工作人员", home.QuerySelector("#current-user")!.TextContent, StringComparison.Ordinal);

        using var logout = await session.SubmitAsync(home, "form[action='/Account/Logout']", pageUrl: "/");
        Assert.Equal("/Account/Login", logout.Headers.Location!.OriginalString);
        using var after = await session.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);

        var signIns = await fixture.EntriesAsync("Login.Succeeded");
        Assert.Contains(signIns, e => e.UserName == "city" && e.Result == AuditResult.Success && e.At != default);
        Assert.Contains(await fixture.EntriesAsync("Logout"), e => e.UserName == "city");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_chinese_and_audited()
    {
        var session = fixture.NewSession();

        using var response = await TryAsync(session, "clerk2", "Wrong#Password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageSession.ReadAsync(response);
        Assert.Equal("用户名或密码不正确。", page.QuerySelector(".validation-summary-errors")!.TextContent.Trim());
        Assert.Contains(await fixture.EntriesAsync("Login.Failed"), e => e.UserName == "clerk2" && e.Result == AuditResult.Failure && e.Details == "wrong password");
        using var unknown = await TryAsync(session, "nobody", "Wrong#Password-1");
        Assert.Contains(await fixture.EntriesAsync("Login.Failed"), e => e.UserName == "nobody" && e.Details == "unknown user name");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_lock_survives_a_restart()
    {
        await using (var db = fixture.Db())
        {
            Web.Infrastructure.Security.AccountProvisioning.AddDirect(db, "lockme", "锁定测试", Web.Infrastructure.Security.AppRoles.CityStaff, TestData.Password, FixedClock.Default);
            await db.SaveChangesAsync();
        }

        var session = fixture.NewSession();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await TryAsync(session, "lockme", "Wrong#Password-" + i);
        }

        using (var sixth = await TryAsync(session, "lockme", TestData.Password))
        {
            Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
            var page = await PageSession.ReadAsync(sixth);
            Assert.Contains("账号已锁定15分钟", page.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Single(await fixture.EntriesAsync("Login.Lockout"), e => e.UserName == "lockme");
        await using (var db = fixture.Db())
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "lockme");
            Assert.InRange(user.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.5));
        }

        // A restarted application (a new host on the same database) still refuses the right password.
        await using var restarted = new AppFactory(fixture.AppConnectionString);
        var again = new PageSession(restarted.CreatePageClient());
        using var refused = await again.SignInAsync("lockme", TestData.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("账号已锁定", (await PageSession.ReadAsync(refused)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in()
    {
        await using (var db = fixture.Db())
        {
            var user = Web.Infrastructure.Security.AccountProvisioning.AddDirect(db, "gone", "已停用", Web.Infrastructure.Security.AppRoles.CityStaff, TestData.Password, FixedClock.Default);
            user.IsDisabled = true;
            await db.SaveChangesAsync();
        }

        using var response = await TryAsync(fixture.NewSession(), "gone", TestData.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The same words as a wrong password: the page does not tell which accounts exist or are disabled.
        Assert.Equal("用户名或密码不正确。", (await PageSession.ReadAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent.Trim());
        Assert.Contains(await fixture.EntriesAsync("Login.Failed"), e => e.UserName == "gone" && e.Result == AuditResult.Denied);
    }

    [Fact]
    public async Task Unknown_user_wrong_password_and_disabled_account_get_the_same_message_after_the_same_work()
    {
        await using (var db = fixture.Db())
        {
            var user = Web.Infrastructure.Security.AccountProvisioning.AddDirect(db, "gone2", "已停用", Web.Infrastructure.Security.AppRoles.CityStaff, TestData.Password, FixedClock.Default);
            user.IsDisabled = true;
            await db.SaveChangesAsync();
        }

        var hasher = new CountingPasswordHasher();
        await using var factory = new HasherFactory(fixture.AppConnectionString, hasher);
        var messages = new List<string>();
        var checks = new List<int>();
        foreach (var (user, password) in new[] { ("nobody-at-all", TestData.Password), ("clerk2", "Wrong#Password-1"), ("gone2", TestData.Password), ("gone2", "Wrong#Password-1") })
        {
            var before = hasher.Verifications;
            using var response = await new PageSession(factory.CreatePageClient()).SignInAsync(user, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            messages.Add((await PageSession.ReadAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent.Trim());
            checks.Add(hasher.Verifications - before);
        }

        Assert.All(messages, m => Assert.Equal("用户名或密码不正确。", m));
        // One password hash check each (the work that dominates the time of an answer), whatever the case.
        Assert.All(checks, c => Assert.Equal(1, c));
    }

    [Fact]
    public async Task The_same_account_signs_in_on_several_desks_at_once()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await fixture.NewSession().SignInAsync("district", TestData.Password);
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Redirect, status));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_copied_cookie_stops_working()
    {
        var session = fixture.NewSession();
        using var signIn = await session.SignInAsync("clerk", TestData.Password);
        // What someone who copied the cookie holds: the sign-in cookie, replayed by a client of their own.
        var stolen = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("liaison.auth", StringComparison.Ordinal)).Select(c => c.Split(';')[0]));
        using var copy = fixture.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://liaison.test") });
        copy.DefaultRequestHeaders.Add("Cookie", stolen);
        using (var before = await copy.GetAsync("/Stations"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var home = await session.GetAsync("/");
        using (var logout = await session.SubmitAsync(home, "form[action='/Account/Logout']", pageUrl: "/"))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }

        using var after = await copy.GetAsync("/Stations");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>
    /// A session ended elsewhere (another instance, straight in the database) is refused here within the 30 seconds a
    /// session found open is trusted; requests in between do not ask the database about it again.
    /// </summary>
    [Fact]
    public async Task A_session_ended_on_another_instance_is_refused_here_within_thirty_seconds()
    {
        var clock = new FixedClock();
        await using var factory = new AppFactory(fixture.AppConnectionString, clock);
        var session = await factory.SignedInAsync("district");
        clock.Advance(TimeSpan.FromSeconds(1));
        using (var first = await session.Client.GetAsync("/Stations"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await using (var db = fixture.Db())
        {
            var userId = await db.Users.Where(u => u.UserName == "district").Select(u => u.Id).SingleAsync();
            await db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, clock.GetUtcNow()));
        }

        clock.Advance(TimeSpan.FromSeconds(10));
        using (var trusted = await session.Client.GetAsync("/Stations"))
        {
            Assert.Equal(HttpStatusCode.OK, trusted.StatusCode);
        }

        clock.Advance(TimeSpan.FromSeconds(25));
        using var refused = await session.Client.GetAsync("/Stations");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/Login", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_ends_twelve_hours_after_sign_in_however_active_it_is()
    {
        var clock = new FixedClock();
        await using var factory = new AppFactory(fixture.AppConnectionString, clock);
        var session = await factory.SignedInAsync("clerk2");
        for (var hour = 0; hour < 11; hour++)
        {
            clock.Advance(TimeSpan.FromMinutes(25));
            using var active = await session.Client.GetAsync("/Stations");
            Assert.Equal(HttpStatusCode.OK, active.StatusCode);
            clock.Advance(TimeSpan.FromMinutes(25));
            using var stillActive = await session.Client.GetAsync("/Stations");
            Assert.Equal(HttpStatusCode.OK, stillActive.StatusCode);
        }

        // 9 h 10 min so far; active every 25 minutes until just past 12 hours.
        while (clock.GetUtcNow() < FixedClock.Default.AddHours(12).AddMinutes(-20))
        {
            clock.Advance(TimeSpan.FromMinutes(25));
            using var active = await session.Client.GetAsync("/Stations");
            Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(25));
        using var expired = await session.Client.GetAsync("/Stations");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.StartsWith("/Account/Login", expired.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_open_sessions_at_once()
    {
        await using (var db = fixture.Db())
        {
            Web.Infrastructure.Security.AccountProvisioning.AddDirect(db, "soon-gone", "将停用", Web.Infrastructure.Security.AppRoles.CityStaff, TestData.Password, FixedClock.Default);
            await db.SaveChangesAsync();
        }

        var victim = await fixture.SignedInAsync("soon-gone");
        using (var before = await victim.Client.GetAsync("/Stations"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var admin = await fixture.SignedInAsync("admin");
        string id;
        await using (var db = fixture.Db())
        {
            id = await db.Users.Where(u => u.UserName == "soon-gone").Select(u => u.Id).SingleAsync();
        }

        var edit = await admin.GetAsync($"/Admin/Users/Edit/{id}");
        using (var disabled = await admin.SubmitAsync(edit, "form[action$='handler=Disable']", pageUrl: $"/Admin/Users/Edit/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        }

        using var after = await victim.Client.GetAsync("/Stations");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private sealed class CountingPasswordHasher : Microsoft.AspNetCore.Identity.IPasswordHasher<Web.Infrastructure.Security.AppUser>
    {
        private readonly Microsoft.AspNetCore.Identity.PasswordHasher<Web.Infrastructure.Security.AppUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(Web.Infrastructure.Security.AppUser user, string password) => _inner.HashPassword(user, password);

        public Microsoft.AspNetCore.Identity.PasswordVerificationResult VerifyHashedPassword(Web.Infrastructure.Security.AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private sealed class HasherFactory(string connectionString, CountingPasswordHasher hasher) : AppFactory(connectionString)
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services =>
                services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<Web.Infrastructure.Security.AppUser>>(hasher));
        }
    }

    [Fact]
    public async Task An_idle_session_ends_after_thirty_minutes_but_activity_keeps_it_alive()
    {
        var clock = new FixedClock();
        await using var factory = new AppFactory(fixture.AppConnectionString, clock);
        var session = await factory.SignedInAsync("clerk");

        clock.Advance(TimeSpan.FromMinutes(20));
        using (var active = await session.Client.GetAsync("/Stations"))
        {
            Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(20));
        using (var stillActive = await session.Client.GetAsync("/Stations"))
        {
            Assert.Equal(HttpStatusCode.OK, stillActive.StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(31));
        using var idle = await session.Client.GetAsync("/Stations");
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.StartsWith("/Account/Login", idle.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Short#1a", "密码至少需要 12 位。")]
    [InlineData("onlylowercaseletters", "密码须包含大写字母、小写字母、数字、符号中的至少三类。")]
    [InlineData("ONLYUPPER12345", "密码须包含大写字母、小写字母、数字、符号中的至少三类。")]
    public async Task Passwords_need_twelve_characters_from_three_classes(string password, string message)
    {
        var session = await fixture.SignedInAsync("deputy");
        var form = await session.GetAsync("/Account/ChangePassword");

        using var response = await session.SubmitAsync(form, "main form", new Dictionary<string, string?>
        {
            ["Input.CurrentPassword"] = TestData.Password,
            ["Input.NewPassword"] = password,
            ["Input.ConfirmPassword"] = password,
        }, pageUrl: "/Account/ChangePassword");

        var page = await PageSession.ReadAsync(response);
        Assert.Equal(message, page.QuerySelector("[data-valmsg-for='Input.NewPassword']")!.TextContent);
    }

    [Fact]
    public async Task An_account_created_by_an_administrator_must_change_its_password_before_anything_else()
    {
        var admin = await fixture.SignedInAsync("admin");
        var form = await admin.GetAsync("/Admin/Users/Create");
        using (var created = await admin.SubmitAsync(form, "main form", new Dictionary<string, string?>
        {
            ["Input.UserName"] = "newclerk",
            ["Input.DisplayName"] = "新联络员",
            ["Input.Role"] = "StationClerk",
            ["Input.StationIds"] = fixture.Data.RongshiStationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Password"] = "Temp#Password-2026",
            ["Input.ConfirmPassword"] = "Temp#Password-2026",
        }, pageUrl: "/Admin/Users/Create"))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        Assert.Contains(await fixture.EntriesAsync("User.Created"), e => e.UserName == "admin" && e.Details!.Contains("newclerk", StringComparison.Ordinal));
        var user = new PageSession(fixture.Factory.CreatePageClient());
        using (var signIn = await user.SignInAsync("newclerk", "Temp#Password-2026"))
        {
            Assert.Equal("/Account/ChangePassword", signIn.Headers.Location!.OriginalString);
        }

        using (var blocked = await user.Client.GetAsync("/Stations"))
        {
            Assert.Equal("/Account/ChangePassword", blocked.Headers.Location!.OriginalString);
        }

        var change = await user.GetAsync("/Account/ChangePassword");
        Assert.NotNull(change.QuerySelector(".alert-warning"));
        using (var changed = await user.SubmitAsync(change, "main form", new Dictionary<string, string?>
        {
            ["Input.CurrentPassword"] = "Temp#Password-2026",
            ["Input.NewPassword"] = "Mine#Password-2026",
            ["Input.ConfirmPassword"] = "Mine#Password-2026",
        }, pageUrl: "/Account/ChangePassword"))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        await user.GetAsync("/Stations");
        Assert.Contains(await fixture.EntriesAsync("Password.Changed"), e => e.UserName == "newclerk");
    }
}
