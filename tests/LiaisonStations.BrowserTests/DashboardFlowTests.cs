using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Tests.Shared;
using Microsoft.Playwright;

namespace LiaisonStations.BrowserTests;

/// <summary>
/// The dashboard in a real browser, as city staff use it: open it, change the period, drill down from the
/// city to a district, a street and a station, follow a count to its list (same total), download the workbook.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DashboardFlowTests(BrowserFixture fixture)
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png");

    [Fact]
    public async Task City_staff_change_the_period_drill_down_to_a_station_follow_a_count_and_download_the_workbook()
    {
        // A request of this quarter at 荣市 (other tests may add more; the test compares a count with its list).
        await using (var db = TestData.Context(fixture.ConnectionString))
        {
            db.CitizenRequests.Add(CitizenRequest.Register("2026-NG-000888", "BROWSERDASHBOARD", fixture.Data.RongshiStationId, null, RequestChannel.WalkIn, fixture.Data.HeatingCategoryId,
                "小区路灯不亮，夜间出行不便", CitizenContact.Anonymous, new Actor(null, "联络员"), FixedClock.Default));
            await db.SaveChangesAsync();
        }

        var page = await fixture.SignedInPageAsync("city");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "统计", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#dashboard-name")).ToHaveTextAsync("哈尔滨市");
        await Assertions.Expect(page.Locator("#period-label")).ToContainTextAsync("2026-01-01 至 2026-12-31");
        // ECharts draws the charts (served by the app, no CDN); their data tables are there too.
        await Assertions.Expect(page.Locator("#chart-trend canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#trend-table tbody tr")).ToHaveCountAsync(12);

        // Another period, chosen with the keyboard-usable form.
        await page.Locator("#p-kind").SelectOptionAsync("Quarter");
        await page.Locator("#p-year").FillAsync("2026");
        await page.Locator("#p-quarter").SelectOptionAsync("4");
        await page.Locator("#period-apply").ClickAsync();
        await Assertions.Expect(page.Locator("#period-label")).ToContainTextAsync("2026-10-01 至 2026-12-31");
        await Assertions.Expect(page.Locator("#trend-table tbody tr")).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("dashboard-city"), FullPage = true });

        // City → district → street → station; the period goes along.
        await page.Locator("#breakdown-table a.drill", new PageLocatorOptions { HasText = "南岗区" }).ClickAsync();
        await Assertions.Expect(page.Locator("#dashboard-name")).ToHaveTextAsync("南岗区");
        await page.Locator("#breakdown-table a.drill", new PageLocatorOptions { HasText = "荣市街道" }).ClickAsync();
        await Assertions.Expect(page.Locator("#dashboard-name")).ToHaveTextAsync("荣市街道");
        await page.Locator("#breakdown-table a.drill", new PageLocatorOptions { HasText = "南岗区荣市街道代表联络站" }).ClickAsync();
        await Assertions.Expect(page.Locator("#dashboard-name")).ToHaveTextAsync("南岗区荣市街道代表联络站");
        await Assertions.Expect(page.Locator("#period-label")).ToContainTextAsync("2026-10-01 至 2026-12-31");
        await Assertions.Expect(page.Locator("#dashboard-path li")).ToHaveTextAsync(["黑龙江省", "哈尔滨市", "南岗区", "荣市街道", "南岗区荣市街道代表联络站"]);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("dashboard-station"), FullPage = true });

        // A count leads to the list of the requests it counts, with the same total.
        var collected = page.Locator("#metrics-table [data-metric='requestsCollected'] a");
        var count = int.Parse((await collected.TextContentAsync())!.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.True(count > 0, "the station collected no requests in the quarter");
        await collected.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Requests\\?"));
        var total = Digits().Match((await page.Locator("#requests-total").TextContentAsync())!.Replace(",", string.Empty, StringComparison.Ordinal)).Value;
        Assert.Equal(count.ToString(CultureInfo.InvariantCulture), total);
        await Assertions.Expect(page.Locator("#requests-table tbody tr")).ToHaveCountAsync(Math.Min(count, 25));
        await page.GoBackAsync();

        // The workbook: every table a sheet, the station and the period in the titles.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-xlsx").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"dashboard-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(file);
        try
        {
            Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
            using var zip = ZipFile.OpenRead(file);
            using var workbook = new StreamReader(zip.GetEntry("xl/workbook.xml")!.Open());
            var sheets = await workbook.ReadToEndAsync();
            Assert.Contains("主要指标", sheets, StringComparison.Ordinal);
            Assert.Contains("月度趋势", sheets, StringComparison.Ordinal);
            using var first = new StreamReader(zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).Open());
            var sheet = await first.ReadToEndAsync();
            Assert.Contains("南岗区荣市街道代表联络站", sheet, StringComparison.Ordinal);
            Assert.Contains("2026-10-01", sheet, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }

        // And the printable report of the same station and quarter.
        await page.Locator("#print-report").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("南岗区荣市街道代表联络站");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("dashboard-report"), FullPage = true });
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
