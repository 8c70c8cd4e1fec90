using System.Net;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// The citizens' side, first part: an anonymous visitor finds a station and sees when deputies receive, with no
/// sign-in and nothing personal on any page (no citizen, no deputy's phone).
/// </summary>
public sealed class PublicPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_anonymous_visitor_at_the_root_gets_the_public_home_with_a_way_for_staff_to_sign_in()
    {
        var visitor = fixture.NewSession();
        using var root = await visitor.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/public", root.Headers.Location!.OriginalString);

        var home = await visitor.GetAsync("/public");
        Assert.Equal("zh-CN", home.DocumentElement.GetAttribute("lang"));
        Assert.Equal("/Account/Login", home.QuerySelector("#staff-login")!.GetAttribute("href"));
        Assert.Empty(home.QuerySelectorAll("script"));
        Assert.NotNull(home.QuerySelector("#find-station select[name='district'] option[value='230103']"));

        // Signed-in staff keep their workspace at the root.
        var clerk = await fixture.SessionAsync("clerk");
        Assert.NotNull((await clerk.GetAsync("/")).QuerySelector("#current-user"));
    }

    [Fact]
    public async Task The_next_two_weeks_of_reception_days_list_station_and_deputies_but_not_cancelled_days_or_closed_stations()
    {
        var today = DateOnly.FromDateTime(FixedClock.Default.Date);
        string deputy;
        // Planned through the app, as a clerk would: the cached public pages are dropped at once.
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiaisonStations.Web.Data.AppDbContext>();
            var planned = ReceptionDay.Plan(fixture.Data.RongshiStationId, today.AddDays(3), ReceptionDayType.ThemedReception, "老旧小区改造", new TimeOnly(9, 0), new TimeOnly(11, 30), [fixture.Data.RongshiDeputyIds[0]], FixedClock.Default);
            var cancelled = ReceptionDay.Plan(fixture.Data.RongshiStationId, today.AddDays(4), ReceptionDayType.Reception, "取消的接待", null, null, [], FixedClock.Default);
            cancelled.Cancel("天气原因", FixedClock.Default);
            var later = ReceptionDay.Plan(fixture.Data.RongshiStationId, today.AddDays(20), ReceptionDayType.Reception, "三周以后", null, null, [], FixedClock.Default);
            db.ReceptionDays.AddRange(planned, cancelled, later);
            await db.SaveChangesAsync();
            deputy = await db.Deputies.Where(d => d.Id == fixture.Data.RongshiDeputyIds[0]).Select(d => d.Name).SingleAsync();
        }

        var home = await fixture.NewSession().GetAsync("/public");
        var days = home.QuerySelector("#upcoming-days")!.TextContent;
        Assert.Contains("老旧小区改造", days, StringComparison.Ordinal);
        Assert.Contains(deputy, days, StringComparison.Ordinal);
        Assert.Contains("09:00–11:30", days, StringComparison.Ordinal);
        Assert.DoesNotContain("取消的接待", days, StringComparison.Ordinal);
        Assert.DoesNotContain("三周以后", days, StringComparison.Ordinal);

        // The station's own page looks further ahead.
        var station = await fixture.NewSession().GetAsync("/public/stations/ST-RS");
        Assert.Contains("三周以后", station.QuerySelector("#upcoming-days")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_directory_filters_by_district_and_text_and_a_station_page_shows_public_facts_only()
    {
        var visitor = fixture.NewSession();
        var nangang = await visitor.GetAsync("/public/stations?district=230103");
        var names = nangang.QuerySelectorAll("#public-stations li").Select(li => li.TextContent).ToList();
        Assert.Contains(names, n => n.Contains("荣市街道代表联络站", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.Contains("南马路", StringComparison.Ordinal));
        var byText = await visitor.GetAsync("/public/stations?q=" + Uri.EscapeDataString("南马路"));
        Assert.Single(byText.QuerySelectorAll("#public-stations li"));
        var none = await visitor.GetAsync("/public/stations?q=" + Uri.EscapeDataString("<script>alert(1)</script>%_"));
        Assert.NotNull(none.QuerySelector("#no-stations"));
        Assert.Equal("<script>alert(1)</script>%_", none.QuerySelector("#f-q")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.OK, (await visitor.Client.GetAsync("/public/stations?district=nope&page=-3")).StatusCode);

        var page = await visitor.GetAsync("/public/stations/ST-RS");
        Assert.Equal("南岗区荣市街道代表联络站", page.QuerySelector("#station-name")!.TextContent);
        Assert.NotNull(page.QuerySelector("#lcp-mark"));
        Assert.Contains("荣市街1号", page.QuerySelector("#station-facts")!.TextContent, StringComparison.Ordinal);
        await using var db = fixture.Db();
        var deputies = await db.Deputies.Where(d => fixture.Data.RongshiDeputyIds.Contains(d.Id)).Select(d => new { d.Name, d.Phone }).ToListAsync();
        var listed = page.QuerySelector("#station-deputies")!.TextContent;
        foreach (var d in deputies)
        {
            Assert.Contains(d.Name, listed, StringComparison.Ordinal);
            if (!string.IsNullOrEmpty(d.Phone))
            {
                Assert.DoesNotContain(d.Phone, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
            }
        }

        // No citizen and no request anywhere on it.
        var request = await db.CitizenRequests.Where(r => r.StationId == fixture.Data.RongshiStationId && r.CitizenName != null).Select(r => new { r.CitizenName, r.TrackingNumber }).FirstOrDefaultAsync();
        if (request is not null)
        {
            Assert.DoesNotContain(request.TrackingNumber, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_station_page_shows_the_dashboards_figures_for_this_year_and_unknown_or_closed_stations_are_not_found()
    {
        var city = await fixture.SessionAsync("city");
        var dashboard = await city.GetAsync($"/Dashboard?station={fixture.Data.RongshiStationId}&period=Custom&from=2026-01-01&to=2026-11-20");
        var page = await fixture.NewSession().GetAsync("/public/stations/ST-RS");
        foreach (var metric in new[] { "receptionDays", "requestsCollected", "resolved" })
        {
            var expected = dashboard.QuerySelector($"#metrics-table [data-metric='{metric}']")!.TextContent.Trim().Split(' ')[0];
            Assert.Equal(expected, page.QuerySelector($"#station-figures [data-metric='{metric}']")!.TextContent.Trim());
        }

        var visitor = fixture.NewSession();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Client.GetAsync("/public/stations/NOPE")).StatusCode);
        await using (var db = fixture.Db())
        {
            var hexing = await db.Areas.SingleAsync(a => a.Id == fixture.Data.HexingStreetId);
            var closed = Station.Create("ST-CLOSED", "已撤销的联络站", StationKind.Station, HostType.Community, hexing, null, new DateOnly(2020, 1, 1), false, FixedClock.Default);
            closed.Close(new DateOnly(2024, 1, 1), "合并", FixedClock.Default);
            db.Stations.Add(closed);
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Client.GetAsync("/public/stations/ST-CLOSED")).StatusCode);
        Assert.DoesNotContain("已撤销的联络站", (await visitor.GetAsync("/public/stations")).DocumentElement.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_station_offers_its_reception_days_as_a_calendar_file_and_an_a4_poster_with_a_qr_code()
    {
        var today = DateOnly.FromDateTime(FixedClock.Default.Date);
        await using (var db = fixture.Db())
        {
            db.ReceptionDays.Add(ReceptionDay.Plan(fixture.Data.NanmaluStationId, today.AddDays(10), ReceptionDayType.ThemedReception, "供暖，维修; 答疑, 咨询", new TimeOnly(9, 0), new TimeOnly(11, 0), [fixture.Data.NanmaluDeputyIds[0]], FixedClock.Default));
            db.ReceptionDays.Add(ReceptionDay.Plan(fixture.Data.NanmaluStationId, today.AddDays(11), ReceptionDayType.Reception, null, null, null, [], FixedClock.Default));
            await db.SaveChangesAsync();
        }

        var visitor = fixture.NewSession();
        using var response = await visitor.Client.GetAsync("/public/stations/ST-NML/calendar.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var ics = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.Equal(2, ics.Split("BEGIN:VEVENT").Length - 1);
        var day = today.AddDays(10);
        // 09:00 in Beijing is 01:00 UTC; text values escape commas and semicolons.
        Assert.Contains($"DTSTART:{day:yyyyMMdd}T010000Z", ics, StringComparison.Ordinal);
        Assert.Contains("供暖，维修", ics, StringComparison.Ordinal);
        Assert.Contains("\\; 答疑\\, 咨询", ics, StringComparison.Ordinal);
        Assert.Contains($"DTSTART;VALUE=DATE:{today.AddDays(11):yyyyMMdd}", ics, StringComparison.Ordinal);
        Assert.All(ics.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Client.GetAsync("/public/stations/NOPE/calendar.ics")).StatusCode);

        var poster = await visitor.GetAsync("/public/stations/ST-NML/poster");
        Assert.Equal("道外区南马路街道代表联络站", poster.QuerySelector("#poster-name")!.TextContent);
        Assert.NotNull(poster.QuerySelector("#poster-qr svg"));
        Assert.EndsWith("/public/stations/ST-NML", poster.QuerySelector("#poster-url")!.TextContent, StringComparison.Ordinal);
        // The code opens the submission form with the station chosen.
        Assert.EndsWith("/public/submit?station=ST-NML", poster.QuerySelector("#poster-qr")!.GetAttribute("data-target"), StringComparison.Ordinal);
        var stationPage = await visitor.GetAsync("/public/stations/ST-NML");
        Assert.Equal("/public/stations/ST-NML/calendar.ics", stationPage.QuerySelector("#calendar-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_second_anonymous_visit_is_served_whole_from_the_cache_until_a_change_is_saved_here()
    {
        var visitor = fixture.NewSession();
        using (var first = await visitor.Client.GetAsync("/public/stations/PT-ST"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Null(first.Headers.Age);
            // No cookie (no form token): the page is the same for every visitor and may be cached whole.
            Assert.False(first.Headers.Contains("Set-Cookie"));
        }

        // Changed around the app (as another instance would): the cached page is served, the database not asked.
        await using (var db = fixture.Db())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE stations SET address = '水滩社区新址8号' WHERE code = 'PT-ST'");
        }

        // Counted at the source: every command Npgsql runs in this process is an activity (its tags complete when it stops).
        var database = new Npgsql.NpgsqlConnectionStringBuilder(fixture.ConnectionString).Database;
        var commands = 0;
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                // Only this class's database: other test classes run beside it in this process.
                if ((a.GetTagItem("db.namespace") ?? a.GetTagItem("db.name")) as string == database)
                {
                    Interlocked.Increment(ref commands);
                }
            },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using (var second = await visitor.Client.GetAsync("/public/stations/PT-ST"))
        {
            Assert.Equal(0, Volatile.Read(ref commands));
            Assert.NotNull(second.Headers.Age);
            Assert.DoesNotContain("水滩社区新址8号", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // English is cached on its own; a signed-in user never gets the cached page.
        using (var english = await visitor.Client.GetAsync("/public/stations/PT-ST?culture=en&ui-culture=en"))
        {
            Assert.Contains("Deputies stationed here", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The listener hears commands (so the zero above means something): a page from the database runs some.
        var clerk = await fixture.SessionAsync("clerk");
        Assert.Contains("水滩社区新址8号", (await clerk.GetAsync("/public/stations/PT-ST")).QuerySelector("#station-facts")!.TextContent, StringComparison.Ordinal);
        Assert.True(Volatile.Read(ref commands) > 0);

        // Any business change saved through the app drops the public pages at once.
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiaisonStations.Web.Data.AppDbContext>();
            db.ReceptionDays.Add(ReceptionDay.Plan(fixture.Data.ShuitanPointId, DateOnly.FromDateTime(FixedClock.Default.Date).AddDays(5), ReceptionDayType.Reception, null, null, null, [], FixedClock.Default));
            await db.SaveChangesAsync();
        }

        using var third = await visitor.Client.GetAsync("/public/stations/PT-ST");
        Assert.Null(third.Headers.Age);
        Assert.Contains("水滩社区新址8号", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_results_board_shows_the_dashboards_figures_by_district_and_by_station()
    {
        var city = await fixture.SessionAsync("city");
        var dashboard = await city.GetAsync("/Dashboard?area=230100&period=Custom&from=2026-01-01&to=2026-11-20");
        var board = await fixture.NewSession().GetAsync("/public/results");
        Assert.Contains("2026-01-01", board.QuerySelector("#results-period")!.TextContent, StringComparison.Ordinal);
        foreach (var metric in new[] { "receptionDays", "requestsCollected", "resolved" })
        {
            var expected = dashboard.QuerySelector($"#metrics-table [data-metric='{metric}']")!.TextContent.Trim().Split(' ')[0];
            Assert.Equal(expected, board.QuerySelector($"#results-total [data-metric='{metric}']")!.TextContent.Trim());
        }

        var nangang = board.QuerySelectorAll("#results-table tbody tr").Single(r => r.TextContent.Contains("南岗区", StringComparison.Ordinal));
        Assert.Equal("/public/results?district=230103&year=2026", nangang.QuerySelector("a")!.GetAttribute("href"));
        var byStation = await fixture.NewSession().GetAsync("/public/results?district=230103");
        Assert.Contains(byStation.QuerySelectorAll("#results-table tbody a"), a => a.GetAttribute("href") == "/public/stations/ST-RS");

        // Out-of-range input is no error: another year is shown as this year, an unknown district as the city.
        var odd = await fixture.NewSession().GetAsync("/public/results?year=1900&district=" + Uri.EscapeDataString("<b>x</b>"));
        Assert.Contains("哈尔滨", odd.QuerySelector("#results-title")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2026", odd.QuerySelector("#f-year option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_public_home_arrives_compressed_under_150_kB_with_its_styles_and_staff_pages_are_not_compressed()
    {
        var visitor = fixture.NewSession();
        var (html, htmlEncoding) = await FetchAsync(visitor, "/public", "br");
        Assert.Equal("br", htmlEncoding);
        long total = html.Length;
        await using (var decoded = new System.IO.Compression.BrotliStream(new MemoryStream(html), System.IO.Compression.CompressionMode.Decompress))
        using (var reader = new StreamReader(decoded))
        {
            var page = await PageSession.ParseAsync(await reader.ReadToEndAsync());
            foreach (var link in page.QuerySelectorAll("link[rel='stylesheet']"))
            {
                var (css, cssEncoding) = await FetchAsync(visitor, link.GetAttribute("href")!, "gzip");
                Assert.Equal("gzip", cssEncoding);
                total += css.Length;
            }
        }

        Assert.True(total < 150 * 1024, $"{total} bytes");

        // Staff pages carry form tokens: never compressed (BREACH).
        var clerk = await fixture.SessionAsync("clerk");
        var (_, staffEncoding) = await FetchAsync(clerk, "/Stations", "br, gzip");
        Assert.Null(staffEncoding);
    }

    private static async Task<(byte[] Body, string? Encoding)> FetchAsync(PageSession session, string url, string acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd(acceptEncoding);
        using var response = await session.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentEncoding.FirstOrDefault());
    }
}
