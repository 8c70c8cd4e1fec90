using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using LiaisonStations.Tests.Shared;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// The dashboard pages over the hand-counted data set of <see cref="StatsApiTests"/>: the same figures as the
/// API for the city and a district, hand-counted figures for a station, every count's link leading to a list
/// whose total equals it, the scope of each role, periods, and the XLSX workbook.
/// </summary>
public sealed partial class DashboardTests(StatsApiTests.Fixture fixture) : IClassFixture<StatsApiTests.Fixture>
{
    private const string Year2026 = "period=Year&year=2026";

    private static string Metric(IHtmlDocument page, string name) =>
        page.QuerySelector($"#metrics-table [data-metric='{name}']")?.TextContent.Trim() ?? throw new InvalidOperationException($"no metric {name}");

    /// <summary>The figure itself, without the numerator/denominator note that follows rates.</summary>
    private static string Figure(IHtmlDocument page, string name) => Metric(page, name).Split(' ')[0];

    [Fact]
    public async Task A_station_shows_its_hand_counted_figures()
    {
        var city = await fixture.SessionAsync("city");
        var page = await city.GetAsync($"/Dashboard?station={fixture.Data.RongshiStationId}&{Year2026}");

        Assert.Equal("南岗区荣市街道代表联络站", page.QuerySelector("#dashboard-name")!.TextContent);
        Assert.Equal("1", Figure(page, "stations"));                 // ST-RS itself
        Assert.Equal("0", Figure(page, "points"));
        Assert.Equal("2", Figure(page, "receptionDays"));            // S-1, S-2 (S-3 is an inspection, S-4 is 2025, the planned day not held)
        Assert.Equal("3", Figure(page, "deputyParticipations"));     // 2 + 1
        Assert.Equal("15", Figure(page, "citizensReceived"));        // 10 + 5
        Assert.Equal("4", Figure(page, "requestsCollected"));        // Q-1, Q-2, Q-3, Q-5 (Q-4 registered in 2025)
        Assert.Equal("2", Figure(page, "resolved"));                 // Q-1, Q-4 (resolved 2026-01-05)
        Assert.Equal("66.7%", Figure(page, "resolutionRate"));       // 2 of Q-1, Q-2, Q-4
        Assert.Equal("22.5", Figure(page, "averageDaysToClose"));    // (10 + 35) / 2
        Assert.Equal("1", Figure(page, "overdue"));                  // Q-5, due 2026-11-18
        Assert.Equal("50.0%", Figure(page, "satisfaction"));         // Q-1 satisfied, Q-4 not
        Assert.Equal("1", Figure(page, "dutyReports"));
        Assert.Equal("1", Figure(page, "reportingDeputies"));
        Assert.Equal("30", Figure(page, "dutyReportAttendees"));
        Assert.Equal("86.7%", Figure(page, "dutyReportSatisfaction")); // 26 of 30 votes
        Assert.Equal("25.0%", Figure(page, "eightStandardsCompliance")); // 2 of 8
        // Deputy figures belong to areas (constituencies), not to a station.
        Assert.Null(page.QuerySelector("#entry-table"));
        Assert.Null(page.QuerySelector("#metrics-table [data-metric='suggestionsAnswered']"));
    }

    [Fact]
    public async Task The_city_and_district_pages_show_the_same_figures_as_the_statistics_api()
    {
        var city = await fixture.SessionAsync("city");
        foreach (var area in new[] { "230100", "230103" })
        {
            var page = await city.GetAsync($"/Dashboard?area={area}&{Year2026}");
            using var response = await city.Client.GetAsync($"/api/stats?area={area}&from=2026-01-01&to=2026-12-31");
            var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            foreach (var name in new[] { "stations", "points", "receptionDays", "deputyParticipations", "citizensReceived", "requestsCollected", "resolved", "overdue", "dutyReports", "reportingDeputies", "dutyReportAttendees" })
            {
                Assert.Equal(json.GetProperty(name).GetInt32().ToString(CultureInfo.InvariantCulture), Figure(page, name));
            }

            foreach (var name in new[] { "coverage", "resolutionRate", "satisfaction", "dutyReportSatisfaction", "suggestionImplementationRate", "suggestionSolvedRate", "suggestionSatisfaction", "eightStandardsCompliance" })
            {
                var rate = json.GetProperty(name);
                var expected = rate.ValueKind == System.Text.Json.JsonValueKind.Null ? "—" : (rate.GetDecimal() * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
                Assert.Equal(expected, Figure(page, name));
            }
        }

        // The city: 荣市 and 南马路 of three streets are covered (66.7 %); its provincial deputy is not stationed, 70 points short.
        var cityPage = await city.GetAsync($"/Dashboard?area=230100&{Year2026}");
        Assert.Equal("66.7%", Figure(cityPage, "coverage"));
        var provincial = cityPage.QuerySelector("#entry-table tr[data-level='Provincial']")!;
        Assert.Contains("table-danger", provincial.ClassName, StringComparison.Ordinal);
        Assert.Contains("70.0", provincial.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("table-danger", cityPage.QuerySelector("#entry-table tr[data-level='City']")!.ClassName ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(["南岗区", "道外区"], cityPage.QuerySelectorAll("#breakdown-table tbody th a.drill").Select(a => a.TextContent).ToArray());
    }

    [Fact]
    public async Task Every_count_links_to_a_list_with_the_same_total()
    {
        var city = await fixture.SessionAsync("city");
        var checkedLinks = 0;
        foreach (var node in new[] { "area=230100", "area=230103", "area=230103001", $"station={fixture.Data.RongshiStationId}" })
        {
            var page = await city.GetAsync($"/Dashboard?{node}&{Year2026}");
            var links = page.QuerySelectorAll("main a[data-count]").Cast<IHtmlAnchorElement>().ToList();
            Assert.NotEmpty(links);
            foreach (var link in links)
            {
                var expected = int.Parse(link.TextContent.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
                var href = link.GetAttribute("href")!;
                Assert.True(expected == await TotalAsync(city, href, link.GetAttribute("data-count")!), $"{node}: {link.GetAttribute("data-count")} = {expected}, but {href} lists a different total");
                checkedLinks++;
            }
        }

        Assert.True(checkedLinks > 60, $"only {checkedLinks} links checked");
    }

    private static async Task<int> TotalAsync(PageSession session, string href, string name)
    {
        if (href.StartsWith("/Stations/Details/", StringComparison.Ordinal))
        {
            await session.GetAsync(href);
            return 1;
        }

        var list = await session.GetAsync(href);
        string? text;
        if (href.StartsWith("/ReceptionDays/List", StringComparison.Ordinal))
        {
            var total = name switch
            {
                "deputyParticipations" => "deputies",
                "citizensReceived" or "dutyReportAttendees" => "citizens",
                "reportingDeputies" => "reporting",
                _ => "days",
            };
            text = list.QuerySelector($"#activity-totals [data-total='{total}']")?.TextContent;
        }
        else
        {
            var id = href.Split('?')[0].Trim('/').Split('/')[0].ToLowerInvariant() + "-total";
            text = list.QuerySelector("#" + id)?.TextContent;
        }

        Assert.True(text is not null, $"{href} shows no total");
        return int.Parse(Digits().Match(text.Replace(",", string.Empty, StringComparison.Ordinal)).Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Each_role_lands_on_its_own_scope_and_cannot_open_another()
    {
        var district = await fixture.SessionAsync("district");
        Assert.Equal("南岗区", (await district.GetAsync("/Dashboard")).QuerySelector("#dashboard-name")!.TextContent);
        await district.GetAsync("/Dashboard?area=230104", HttpStatusCode.NotFound);
        await district.GetAsync("/Dashboard?area=230100", HttpStatusCode.NotFound);
        await district.GetAsync($"/Dashboard?station={fixture.Data.NanmaluStationId}", HttpStatusCode.NotFound);
        await district.GetAsync("/Dashboard/Report?area=230104", HttpStatusCode.NotFound);
        await district.GetAsync("/Dashboard?area=230104&handler=Export", HttpStatusCode.NotFound);
        // The path above their district is named but not a link.
        var path = (await district.GetAsync("/Dashboard?area=230103001")).QuerySelectorAll("#dashboard-path li").ToList();
        Assert.Null(path[1].QuerySelector("a"));                  // 哈尔滨市
        Assert.NotNull(path[2].QuerySelector("a"));               // 南岗区

        var clerk = await fixture.SessionAsync("clerk");
        Assert.Equal("南岗区荣市街道代表联络站", (await clerk.GetAsync("/Dashboard")).QuerySelector("#dashboard-name")!.TextContent);
        await clerk.GetAsync("/Dashboard?area=230103", HttpStatusCode.NotFound);
        await clerk.GetAsync($"/Dashboard?station={fixture.Data.NanmaluStationId}", HttpStatusCode.NotFound);

        var clerk2 = await fixture.SessionAsync("clerk2");
        await clerk2.GetAsync($"/Dashboard?station={fixture.Data.RongshiStationId}", HttpStatusCode.NotFound);

        var city = await fixture.SessionAsync("city");
        await city.GetAsync("/Dashboard?area=999999", HttpStatusCode.NotFound);
        await city.GetAsync("/Dashboard?area=%3Cscript%3E", HttpStatusCode.NotFound);
        await city.GetAsync("/Dashboard?station=2147483647", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Periods_can_be_months_quarters_years_or_dates_and_a_bad_one_is_explained()
    {
        var city = await fixture.SessionAsync("city");
        var march = await city.GetAsync("/Dashboard?area=230100&period=Month&year=2026&month=3");
        Assert.Contains("2026-03-01", march.QuerySelector("#period-label")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-03-31", march.QuerySelector("#period-label")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", Figure(march, "receptionDays"));          // S-1 on 2026-03-15

        var q2 = await city.GetAsync("/Dashboard?area=230100&period=Quarter&year=2026&quarter=2");
        Assert.Equal("2", Figure(q2, "receptionDays"));             // S-2 (04-15), S-5 (06-15)

        var custom = await city.GetAsync("/Dashboard?area=230100&period=Custom&from=2025-12-01&to=2026-03-31");
        Assert.Equal("2", Figure(custom, "receptionDays"));         // S-4 (2025-12-15), S-1

        var bad = await city.GetAsync("/Dashboard?area=230100&period=Month&year=2026&month=13");
        Assert.NotNull(bad.QuerySelector("#period-invalid"));
        Assert.Contains("2026-01-01", bad.QuerySelector("#period-label")!.TextContent, StringComparison.Ordinal);
        var reversed = await city.GetAsync("/Dashboard?area=230100&period=Custom&from=2026-12-01&to=2026-01-01");
        Assert.NotNull(reversed.QuerySelector("#period-invalid"));
        await city.GetAsync("/Dashboard?area=230100&period=Nonsense&year=abc&from=2026-13-45");

        // The trend has one row per month of the period, and its data table matches the figures.
        var year = await city.GetAsync($"/Dashboard?area=230100&{Year2026}");
        var trend = year.QuerySelectorAll("#trend-table tbody tr").ToList();
        Assert.Equal(12, trend.Count);
        Assert.Equal(3, trend.Sum(r => int.Parse(r.QuerySelectorAll("td")[0].TextContent, CultureInfo.InvariantCulture)));
        Assert.Equal(5, trend.Sum(r => int.Parse(r.QuerySelectorAll("td")[1].TextContent, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_breakdown_sorts_by_any_column()
    {
        var city = await fixture.SessionAsync("city");
        var byCollected = await city.GetAsync($"/Dashboard?area=230100&{Year2026}&sort=collected&desc=true");
        Assert.Equal(["南岗区", "道外区"], byCollected.QuerySelectorAll("#breakdown-table tbody th a.drill").Select(a => a.TextContent).ToArray());
        var ascending = await city.GetAsync($"/Dashboard?area=230100&{Year2026}&sort=collected&desc=false");
        Assert.Equal(["道外区", "南岗区"], ascending.QuerySelectorAll("#breakdown-table tbody th a.drill").Select(a => a.TextContent).ToArray());
        await city.GetAsync($"/Dashboard?area=230100&{Year2026}&sort=%27;drop&desc=maybe");
    }

    [Fact]
    public async Task The_workbook_has_every_table_with_the_area_and_period_in_its_titles()
    {
        var city = await fixture.SessionAsync("city");
        using var response = await city.Client.GetAsync($"/Dashboard?area=230103&{Year2026}&handler=Export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["主要指标", "分地区统计", "进站率", "星级站点分布", "月度趋势", "诉求分类"], sheets.Select(s => s.Name!.Value!).ToArray());
        foreach (var sheet in sheets)
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var title = part.Worksheet.Descendants<Cell>().First();
            var text = title.InlineString?.InnerText ?? title.CellValue?.Text ?? string.Empty;
            Assert.Contains("南岗区", text, StringComparison.Ordinal);
            Assert.Contains("2026-01-01", text, StringComparison.Ordinal);
            Assert.Contains("2026-12-31", text, StringComparison.Ordinal);
        }

        var report = await city.GetAsync($"/Dashboard/Report?area=230103&{Year2026}");
        Assert.Contains("南岗区", report.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("4", report.QuerySelector("#report-overview")!.TextContent, StringComparison.Ordinal);

        // In English the sentences are spaced, and no page cites an internal document.
        var english = await city.GetAsync($"/Dashboard/Report?area=230103&{Year2026}&culture=en&ui-culture=en");
        var overview = english.QuerySelector("#report-overview")!.TextContent;
        Assert.DoesNotMatch(@"[.,;:][A-Za-z]", overview);
        Assert.Contains(". ", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("DESIGN", english.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("设计文档", report.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
