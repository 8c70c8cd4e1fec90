using System.Net;
using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.IntegrationTests;

public sealed class UserAdministrationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<string> IdOfAsync(string userName)
    {
        await using var db = fixture.Db();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    private async Task<string> CreateAsync(string userName, string role, string? stationId = null)
    {
        var admin = await fixture.SignedInAsync("admin");
        var form = await admin.GetAsync("/Admin/Users/Create");
        using var response = await admin.SubmitAsync(form, "main form", new Dictionary<string, string?>
        {
            ["Input.UserName"] = userName,
            ["Input.DisplayName"] = userName,
            ["Input.Role"] = role,
            ["Input.StationIds"] = stationId,
            ["Input.DistrictCode"] = "230103",
            ["Input.Password"] = "Temp#Password-2026",
            ["Input.ConfirmPassword"] = "Temp#Password-2026",
        }, pageUrl: "/Admin/Users/Create");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await IdOfAsync(userName);
    }

    [Fact]
    public async Task Role_scope_and_password_changes_are_audited_and_reach_the_signed_in_user()
    {
        var id = await CreateAsync("mover", "StationClerk", fixture.Data.RongshiStationId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var admin = await fixture.SignedInAsync("admin");

        var edit = await admin.GetAsync($"/Admin/Users/Edit/{id}");
        using (var saved = await admin.SubmitAsync(edit, "#user-form", new Dictionary<string, string?> { ["Input.Role"] = "DistrictStaff", ["Input.DistrictCode"] = "230104" }, pageUrl: $"/Admin/Users/Edit/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Contains(await fixture.EntriesAsync("User.RoleChanged"), e => e.TargetId == id && e.Details!.Contains("StationClerk → DistrictStaff", StringComparison.Ordinal));
        Assert.Contains(await fixture.EntriesAsync("User.ScopeChanged"), e => e.TargetId == id && e.Details!.Contains("道外区", StringComparison.Ordinal));

        edit = await admin.GetAsync($"/Admin/Users/Edit/{id}");
        using (var reset = await admin.SubmitAsync(edit, "#reset-form", new Dictionary<string, string?> { ["newPassword"] = "Reset#Password-2026" }, pageUrl: $"/Admin/Users/Edit/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        }

        Assert.Contains(await fixture.EntriesAsync("User.PasswordReset"), e => e.TargetId == id && e.UserName == "admin");
        var moved = new PageSession(fixture.Factory.CreatePageClient());
        using (var signIn = await moved.SignInAsync("mover", "Reset#Password-2026"))
        {
            Assert.Equal("/Account/ChangePassword", signIn.Headers.Location!.OriginalString);
        }

        edit = await admin.GetAsync($"/Admin/Users/Edit/{id}");
        using (var disabled = await admin.SubmitAsync(edit, "form[action*='handler=Disable']", pageUrl: $"/Admin/Users/Edit/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        }

        Assert.Contains(await fixture.EntriesAsync("User.Disabled"), e => e.TargetId == id);
    }

    [Fact]
    public async Task A_disabled_account_loses_its_open_session_within_a_minute()
    {
        var clock = new FixedClock();
        await using var factory = new AppFactory(fixture.AppConnectionString, clock);
        var id = await CreateAsync("soon-gone", "CityStaff");
        await using (var db = fixture.Db())
        {
            var u = await db.Users.SingleAsync(x => x.Id == id);
            u.MustChangePassword = false;
            await db.SaveChangesAsync();
        }

        var user = await factory.SignedInAsync("soon-gone", "Temp#Password-2026");
        var admin = await factory.SignedInAsync("admin");
        var edit = await admin.GetAsync($"/Admin/Users/Edit/{id}");
        using (var disabled = await admin.SubmitAsync(edit, "form[action*='handler=Disable']", pageUrl: $"/Admin/Users/Edit/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(2));
        using var after = await user.Client.GetAsync("/Stations");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_account_is_refused_at_once_on_another_instance()
    {
        // Two instances on one database, as behind a balancer; the clock stands still, so no check interval can pass:
        // only the notice of the ended sessions (sent with the change, delivered at its commit) can refuse the user.
        var clock = new FixedClock();
        await using var first = new AppFactory(fixture.AppConnectionString, clock);
        await using var second = new AppFactory(fixture.AppConnectionString, clock);
        var id = await CreateAsync("elsewhere", "CityStaff");
        await using (var db = fixture.Db())
        {
            var u = await db.Users.SingleAsync(x => x.Id == id);
            u.MustChangePassword = false;
            await db.SaveChangesAsync();
        }

        var user = await second.SignedInAsync("elsewhere", "Temp#Password-2026");
        using (var before = await user.Client.GetAsync("/Stations"))
        {
            // Found open: the second instance now trusts this session for 30 s without asking the database.
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var admin = await first.SignedInAsync("admin");
        var edit = await admin.GetAsync($"/Admin/Users/Edit/{id}");
        using (var disabled = await admin.SubmitAsync(edit, "form[action*='handler=Disable']", pageUrl: $"/Admin/Users/Edit/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        }

        var refused = false;
        for (var i = 0; i < 50 && !refused; i++)
        {
            using var after = await user.Client.GetAsync("/Stations");
            refused = after.StatusCode == HttpStatusCode.Redirect && after.Headers.Location!.PathAndQuery.StartsWith("/Account/Login", StringComparison.Ordinal);
            if (!refused)
            {
                await Task.Delay(100);
            }
        }

        Assert.True(refused, "the second instance kept serving a disabled account");
    }

    [Fact]
    public async Task District_staff_administer_only_the_clerks_of_their_district()
    {
        var district = await fixture.SignedInAsync("district");

        var list = await district.GetAsync("/Admin/Users");
        var names = list.QuerySelectorAll("#users-table tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Contains("clerk", names);
        Assert.DoesNotContain("clerk2", names);
        Assert.DoesNotContain("admin", names);
        await district.GetAsync($"/Admin/Users/Edit/{await IdOfAsync("clerk2")}", HttpStatusCode.NotFound);
        await district.GetAsync($"/Admin/Users/Edit/{await IdOfAsync("admin")}", HttpStatusCode.NotFound);

        var form = await district.GetAsync("/Admin/Users/Create");
        Assert.Equal(["StationClerk"], form.QuerySelectorAll("#Input_Role option[value]").Select(o => o.GetAttribute("value")).Where(v => v != string.Empty));
        using (var asAdmin = await district.SubmitAsync(form, "main form", new Dictionary<string, string?>
        {
            ["Input.UserName"] = "sneaky",
            ["Input.DisplayName"] = "sneaky",
            ["Input.Role"] = "Administrator",
            ["Input.Password"] = "Temp#Password-2026",
            ["Input.ConfirmPassword"] = "Temp#Password-2026",
        }, pageUrl: "/Admin/Users/Create"))
        {
            Assert.Equal("您不能授予该角色。", (await PageSession.ReadAsync(asAdmin)).QuerySelector("[data-valmsg-for='Input.Role']")!.TextContent);
        }

        using (var otherDistrict = await district.SubmitAsync(form, "main form", new Dictionary<string, string?>
        {
            ["Input.UserName"] = "sneaky2",
            ["Input.DisplayName"] = "sneaky2",
            ["Input.Role"] = "StationClerk",
            ["Input.StationIds"] = fixture.Data.NanmaluStationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Password"] = "Temp#Password-2026",
            ["Input.ConfirmPassword"] = "Temp#Password-2026",
        }, pageUrl: "/Admin/Users/Create"))
        {
            Assert.Contains("联络员必须选择", (await PageSession.ReadAsync(otherDistrict)).QuerySelector("[data-valmsg-for='Input.StationIds']")!.TextContent, StringComparison.Ordinal);
        }

        await using var db = fixture.Db();
        Assert.False(await db.Users.AnyAsync(u => u.UserName!.StartsWith("sneaky")));
    }

    [Fact]
    public async Task The_audit_trail_is_browsable_and_filterable_by_administrators_only()
    {
        await fixture.SignedInAsync("clerk");
        var admin = await fixture.SignedInAsync("admin");

        var page = await admin.GetAsync("/Admin/Audit?action=Login.&user=clerk");

        var rows = page.QuerySelectorAll("#audit-table tbody tr").Select(r => r.TextContent).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("Login.", r, StringComparison.Ordinal));
        await (await fixture.SignedInAsync("city")).GetAsync("/Admin/Audit", HttpStatusCode.Forbidden);
    }
}
