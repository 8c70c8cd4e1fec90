using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LiaisonStations.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class AccountFlowTests(BrowserFixture fixture)
{
    private async Task<long> RequestAtRongshiAsync()
    {
        await using var db = TestData.Context(fixture.ConnectionString);
        var existing = await db.CitizenRequests.Where(r => r.TrackingNumber == "2026-NG-000500").Select(r => (long?)r.Id).FirstOrDefaultAsync();
        if (existing is { } id)
        {
            return id;
        }

        var clerk = new Actor(null, "联络员");
        var request = CitizenRequest.Register("2026-NG-000500", "BROWSERCODE00001", fixture.Data.RongshiStationId, null, RequestChannel.WalkIn, fixture.Data.HeatingCategoryId, "小区供暖不达标，室温只有十六度", new CitizenContact("张三", "13812345678", "荣市街8号", true, false), clerk, FixedClock.Default);
        request.AssignDeputies([fixture.Data.RongshiDeputyIds[0]], null, clerk, FixedClock.Default);
        request.Refer(fixture.Data.HeatingDepartmentId, new DateOnly(2026, 11, 24), "请在时限内答复", clerk, FixedClock.Default);
        db.CitizenRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    [Fact]
    public async Task A_clerk_signs_in_with_the_keyboard_and_sees_only_the_own_station_with_citizens_in_clear()
    {
        var id = await RequestAtRongshiAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/Stations");
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);

        await page.Keyboard.TypeAsync("clerk");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(TestData.Password);
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("联络站");
        await Assertions.Expect(page.Locator("#stations-table tbody tr")).ToHaveCountAsync(1);
        await page.GotoAsync($"/Requests/Details/{id}");
        await Assertions.Expect(page.Locator("#citizen-contact")).ToContainTextAsync("13812345678");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "request-clerk.png"), FullPage = true });
        await page.Locator("#current-user > button").ClickAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "退出" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("登录");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task District_staff_see_the_contact_masked_and_unmask_it_on_purpose()
    {
        var id = await RequestAtRongshiAsync();
        var page = await fixture.SignedInPageAsync("district");
        await page.GotoAsync($"/Requests/Details/{id}");
        await Assertions.Expect(page.Locator("#citizen-contact")).ToContainTextAsync("138****5678");

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "查看完整信息" }).ClickAsync();

        await Assertions.Expect(page.Locator("#citizen-contact")).ToContainTextAsync("13812345678");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("已记入审计日志");
        await page.Context.CloseAsync();

        var admin = await fixture.SignedInPageAsync("admin");
        await admin.GotoAsync("/Admin/Audit?action=Request.");
        await Assertions.Expect(admin.Locator("#audit-table tbody")).ToContainTextAsync("Request.Unmasked");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "audit.png"), FullPage = true });
        await admin.GotoAsync("/Admin/Users");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "users.png"), FullPage = true });
        await admin.Context.CloseAsync();
    }
}
