using System.Text.Json;
using Microsoft.Playwright;

namespace LiaisonStations.BrowserTests;

/// <summary>
/// Every role's pages in both languages (issue 12): at 1280×800 the header is one line and axe-core (WCAG 2.1 A/AA)
/// finds nothing; at 1280 and at 390×844 nothing is wider than the screen. A details page reached from each list is
/// checked too.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutAndAccessibilityTests(BrowserFixture fixture)
{
    private static readonly Dictionary<string, string[]> PagesOf = new()
    {
        ["admin"] = ["/", "/Stations", "/Stations/Create", "/ReceptionDays", "/ReceptionDays/List", "/Requests", "/Requests/Register", "/Suggestions", "/Dashboard", "/Dashboard/Report", "/Deputies", "/Departments", "/Registers", "/Admin/Import", "/Admin/Users", "/Admin/Calendar", "/Admin/Audit", "/Admin/PartnerKeys", "/Notifications", "/Account/ChangePassword"],
        ["city"] = ["/", "/Stations", "/ReceptionDays", "/Requests", "/Suggestions", "/Dashboard", "/Deputies", "/Departments", "/Stations/Voting"],
        ["district"] = ["/", "/Stations", "/Requests", "/Dashboard", "/Admin/Import", "/Admin/Users"],
        ["clerk"] = ["/", "/Stations", "/ReceptionDays", "/ReceptionDays/Plan", "/Requests", "/Requests/Register", "/Registers", "/Dashboard"],
        ["deputy"] = ["/", "/Requests", "/Suggestions", "/Suggestions/Create", "/Deputies"],
        ["department"] = ["/", "/Requests", "/Suggestions", "/Notifications"],
    };

    private static readonly string[] Lists = ["/Stations", "/Requests", "/Suggestions", "/Deputies", "/ReceptionDays/List"];

    private static readonly Lazy<string> Axe = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "frontend", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        throw new InvalidOperationException("axe-core not found: run npm ci in frontend/ (the web project's build does).");
    });

    [Theory]
    [InlineData("admin", "zh-CN")]
    [InlineData("admin", "en")]
    [InlineData("city", "zh-CN")]
    [InlineData("city", "en")]
    [InlineData("district", "zh-CN")]
    [InlineData("district", "en")]
    [InlineData("clerk", "zh-CN")]
    [InlineData("clerk", "en")]
    [InlineData("deputy", "zh-CN")]
    [InlineData("deputy", "en")]
    [InlineData("department", "zh-CN")]
    [InlineData("department", "en")]
    public async Task Every_page_of_the_role_fits_the_screen_has_a_one_line_header_and_no_accessibility_violations(string user, string language)
    {
        var page = await fixture.SignedInPageAsync(user);
        await page.SetViewportSizeAsync(1280, 800);
        var problems = new List<string>();
        var visited = new List<string>();
        foreach (var path in PagesOf[user])
        {
            await CheckAsync(page, path, language, 1280, problems);
            visited.Add(path);
            if (Array.IndexOf(Lists, path) >= 0)
            {
                var links = page.Locator("main a[href*='/Details/']");
                var details = await links.CountAsync() > 0 ? await links.First.GetAttributeAsync("href") : null;
                if (details is not null)
                {
                    await CheckAsync(page, details, language, 1280, problems);
                    visited.Add(details);

                    // And the form of the first step a details page offers (a request's 分派, a suggestion's 答复 …).
                    var steps = page.Locator("main a[href*='/Act/']");
                    var step = await steps.CountAsync() > 0 ? await steps.First.GetAttributeAsync("href") : null;
                    if (step is not null)
                    {
                        await CheckAsync(page, step, language, 1280, problems);
                        visited.Add(step);
                    }
                }
            }
        }

        await page.SetViewportSizeAsync(390, 844);
        foreach (var path in visited)
        {
            await CheckAsync(page, path, language, 390, problems);
        }

        // At 390 px the menu opens from the toggler and its links can be reached.
        await page.Locator("header .navbar-toggler").ClickAsync();
        await Assertions.Expect(page.Locator("#mainNav .nav-link").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"menu-{user}-{language}-390.png") });
        await page.Context.CloseAsync();

        Assert.True(visited.Count >= PagesOf[user].Length, string.Join(", ", visited));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task CheckAsync(IPage page, string path, string language, int width, List<string> problems)
    {
        var url = path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + $"culture={language}&ui-culture={language}";
        var response = await page.GotoAsync(url);
        var where = $"{path} {language} {width}px";
        if (response is null || response.Status >= 400)
        {
            problems.Add($"{where}: HTTP {response?.Status}");
            return;
        }

        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (scrollWidth > width)
        {
            problems.Add($"{where}: the page is {scrollWidth} px wide");
        }

        if (width < 1280)
        {
            return;
        }

        // One line: the brand, every link of the bar and the controls on the right share one row.
        var rows = await page.EvaluateAsync<int>(
            """
            () => {
                const items = [...document.querySelectorAll('header .navbar-brand, header #mainNav > ul > li, header #current-user, header #switch-language')]
                    .filter(e => e.offsetParent !== null);
                const mids = items.map(e => { const r = e.getBoundingClientRect(); return Math.round((r.top + r.bottom) / 2); });
                return mids.length === 0 ? 0 : Math.max(...mids) - Math.min(...mids) > 12 ? 2 : 1;
            }
            """);
        var height = await page.EvaluateAsync<double>("() => document.querySelector('header nav').getBoundingClientRect().height");
        if (rows != 1 || height > 64)
        {
            problems.Add($"{where}: the header is not one line ({rows} rows, {height:0} px)");
        }

        await page.EvaluateAsync(Axe.Value);
        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
                .violations.map(v => v.id + ' (' + v.nodes.length + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))
            """);
        foreach (var v in violations.EnumerateArray())
        {
            problems.Add($"{where}: axe {v.GetString()}");
        }
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task The_public_pages_work_without_script_on_small_phones_with_large_targets_and_no_accessibility_violations(string language)
    {
        var page = await fixture.NewPageAsync();
        var problems = new List<string>();
        int bookable;
        await using (var db = LiaisonStations.Tests.Shared.TestData.Context(fixture.ConnectionString))
        {
            // A reception day that takes bookings, for the booking page.
            const string theme = "可预约的接待日";
            bookable = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(db.ReceptionDays.Where(d => d.Theme == theme).Select(d => d.Id));
            if (bookable == 0)
            {
                var day = LiaisonStations.Domain.Receptions.ReceptionDay.Plan(fixture.Data.RongshiStationId, DateOnly.FromDateTime(LiaisonStations.Tests.Shared.FixedClock.Default.Date).AddDays(9), LiaisonStations.Domain.Receptions.ReceptionDayType.ThemedReception, theme, new TimeOnly(9, 0), new TimeOnly(11, 0), [], LiaisonStations.Tests.Shared.FixedClock.Default);
                day.OfferAppointments(20, LiaisonStations.Tests.Shared.FixedClock.Default);
                db.ReceptionDays.Add(day);
                await db.SaveChangesAsync();
                bookable = day.Id;
            }
        }

        string[] paths = ["/public", "/public/stations", "/public/stations?district=230103", "/public/stations/ST-RS", "/public/stations/ST-RS/poster", "/public/results", "/public/results?district=230103",
            "/public/submit?station=ST-RS", "/public/submit", "/public/track", "/public/privacy", $"/public/days/{bookable}/book", "/public/appointments/cancel", "/public/votes"];
        foreach (var width in new[] { 1280, 390, 320 })
        {
            await page.SetViewportSizeAsync(width, 844);
            foreach (var path in paths)
            {
                var response = await page.GotoAsync(path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + $"culture={language}&ui-culture={language}");
                var where = $"{path} {language} {width}px";
                if (response is null || response.Status >= 400)
                {
                    problems.Add($"{where}: HTTP {response?.Status}");
                    continue;
                }

                var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                if (scrollWidth > width)
                {
                    problems.Add($"{where}: the page is {scrollWidth} px wide");
                }

                // Every control is at least 44 px high and its text at least 16 px (no zoom on focus on phones); a checkbox or a
                // radio button is tapped by its row with the label; the honeypot, hidden from people, is no target.
                var small = await page.EvaluateAsync<string[]>(
                    """
                    () => [...document.querySelectorAll('main button, main select, main input:not([type=hidden]), main textarea, header button, main a.d-inline-block')]
                        .filter(e => e.offsetParent !== null && !e.closest('[aria-hidden=true]'))
                        .map(e => e.type === 'checkbox' || e.type === 'radio' ? (e.closest('.form-check') || e) : e)
                        .filter(e => e.getBoundingClientRect().height < 44 || parseFloat(getComputedStyle(e).fontSize) < 16)
                        .map(e => e.tagName + '#' + (e.id || e.textContent.trim().slice(0, 12)))
                    """);
                problems.AddRange(small.Select(e => $"{where}: small target {e}"));
                if (await page.Locator("script").CountAsync() > 0)
                {
                    problems.Add($"{where}: has a script");
                }

                await page.EvaluateAsync(Axe.Value);
                var violations = await page.EvaluateAsync<JsonElement>(
                    """
                    async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
                        .violations.map(v => v.id + ' (' + v.nodes.length + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))
                    """);
                problems.AddRange(violations.EnumerateArray().Select(v => $"{where}: axe {v.GetString()}"));
                if (width == 390)
                {
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"public{path.Replace('/', '-').Replace('?', '-')}-{language}-390.png") });
                }
            }
        }

        await page.Context.CloseAsync();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task On_a_phone_the_request_list_shows_cards_with_the_filters_folded_away()
    {
        await using (var db = LiaisonStations.Tests.Shared.TestData.Context(fixture.ConnectionString))
        {
            db.CitizenRequests.Add(LiaisonStations.Domain.Requests.CitizenRequest.Register(
                "2026-NG-390001", "PHONECARDTEST0001", fixture.Data.RongshiStationId, null, LiaisonStations.Domain.Requests.RequestChannel.WalkIn, fixture.Data.HeatingCategoryId,
                "小区东门外的路灯已经坏了两个多星期，晚上老人孩子出行很不方便，希望尽快修好", LiaisonStations.Domain.Requests.CitizenContact.Anonymous,
                LiaisonStations.Domain.Common.Actor.System, LiaisonStations.Tests.Shared.FixedClock.Default));
            await db.SaveChangesAsync();
        }

        var page = await fixture.SignedInPageAsync("clerk");
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/Requests");

        await Assertions.Expect(page.Locator("#request-filters")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#toggle-filters")).ToBeVisibleAsync();
        var row = page.Locator("#requests-table tbody tr").First;
        Assert.Equal("block", await row.EvaluateAsync<string>("e => getComputedStyle(e).display"));
        var summary = page.Locator("#requests-table tbody tr td.card-text-cell").First;
        // The summary runs across the card, not one or two characters to a line.
        Assert.True(await summary.EvaluateAsync<double>("e => e.getBoundingClientRect().width") > 300);

        await page.Locator("#toggle-filters").ClickAsync();
        await Assertions.Expect(page.Locator("#f-status")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "requests-390.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
