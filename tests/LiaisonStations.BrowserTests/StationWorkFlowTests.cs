using LiaisonStations.Domain.Requests;
using LiaisonStations.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LiaisonStations.BrowserTests;

/// <summary>
/// A clerk's day in a real browser: plan a reception day and record it as held, register a citizen's request
/// during it (keyboard, Ctrl+Enter), assign, refer, record the reply, resolve, close with the citizen's
/// evaluation, then find it in the reception register on screen and in the XLSX file.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StationWorkFlowTests(BrowserFixture fixture)
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png");

    [Fact]
    public async Task A_reception_day_and_a_request_from_registration_to_the_register_and_its_xlsx()
    {
        var page = await fixture.SignedInPageAsync("clerk");

        // Plan the day.
        await page.GotoAsync("/ReceptionDays");
        await page.Locator("#plan-day").ClickAsync();
        await page.Locator("#Input_Date").FillAsync("2026-11-20");
        await page.Locator("#Input_Theme").FillAsync("冬季供暖接待日");
        await page.Locator($"#deputy-{fixture.Data.RongshiDeputyIds[0]}").CheckAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("reception-plan"), FullPage = true });
        await page.Locator("#plan-save").ClickAsync();
        await Assertions.Expect(page.Locator("#day-status")).ToHaveTextAsync("计划");
        var dayUrl = page.Url;

        // Record it as held.
        await page.Locator("#record-held").ClickAsync();
        await page.Locator("#Input_CitizensReceived").FillAsync("6");
        await page.Locator("#Input_Minutes").FillAsync("接待群众6人，收集意见2条");
        // The department officials who came: a table of its own, typed into like any form.
        var officials = await page.Locator("#officials").BoundingBoxAsync();
        Assert.True(officials!.Width > 300, $"the officials table is {officials.Width} px wide");
        await page.Locator("#Input_Officials_0__Name").FillAsync("王明");
        await page.Locator("#Input_Officials_0__DepartmentId").SelectOptionAsync(new SelectOptionValue { Label = "市供热办公室" });
        await page.Locator("#Input_Officials_0__Title").FillAsync("副主任");
        await page.Locator("#hold-save").ClickAsync();
        await Assertions.Expect(page.Locator("#day-status")).ToHaveTextAsync("已开展");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("市供热办公室 副主任 王明");
        await Assertions.Expect(page.Locator("#attendance")).ToContainTextAsync("6");

        // Register a request during it, by keyboard: the summary has the focus, Ctrl+Enter saves.
        await page.Locator("#register-during-day").ClickAsync();
        await Assertions.Expect(page.Locator("#register-day")).ToContainTextAsync("2026-11-20");
        await Assertions.Expect(page.Locator("#Input_Summary")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("和兴小区暖气不热，室温只有十五度");
        await page.Keyboard.PressAsync("Tab");
        await page.Locator("#Input_CategoryId").SelectOptionAsync(new SelectOptionValue { Label = "供暖供水" });
        await page.Locator("#Input_CitizenName").FillAsync("刘阿姨");
        await page.Locator("#Input_CitizenPhone").FillAsync("13712345678");
        await page.Locator("#Input_ConsentToContact").CheckAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("request-register"), FullPage = true });
        await page.Locator("#Input_CitizenPhone").PressAsync("Control+Enter");
        await Assertions.Expect(page.Locator("#request-status")).ToHaveTextAsync("已登记");
        var number = System.Text.RegularExpressions.Regex.Match((await page.Locator("h1").TextContentAsync())!, @"\d{4}-NG-\d{6}").Value;
        Assert.NotEmpty(number);

        async Task StepAsync(string step, Func<Task> fill, string expectedStatus)
        {
            await page.Locator($"#request-steps [data-step='{step}']").ClickAsync();
            await fill();
            await page.Locator("#step-submit").ClickAsync();
            await Assertions.Expect(page.Locator("#request-status")).ToHaveTextAsync(expectedStatus);
        }

        await StepAsync("AssignDeputies", () => page.Locator($"#deputy-{fixture.Data.RongshiDeputyIds[0]}").CheckAsync(), "已分派");
        await StepAsync("Refer", async () =>
        {
            await page.Locator("#Input_DepartmentId").SelectOptionAsync(new SelectOptionValue { Label = "市供热办公室" });
            await Assertions.Expect(page.Locator("#identity-notice")).ToContainTextAsync("看不到");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("request-refer"), FullPage = true });
        }, "已转办");
        await Assertions.Expect(page.Locator("[data-due]")).ToContainTextAsync("2026-12-01");
        await StepAsync("RecordReply", () => page.Locator("#Input_Note").FillAsync("热力公司已排查管网并加压，室温恢复至20度"), "已答复");
        await StepAsync("Resolve", () => page.Locator("#Input_Note").FillAsync("群众确认已解决"), "已解决");
        await StepAsync("Close", () => page.Locator("#evaluation-Satisfied").CheckAsync(), "已回访");
        await Assertions.Expect(page.Locator("#timeline tbody tr")).ToHaveCountAsync(6);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("request-closed"), FullPage = true });

        // The day lists the request; the register has it; the XLSX file holds it.
        await page.GotoAsync(dayUrl);
        await Assertions.Expect(page.Locator("#day-requests")).ToContainTextAsync(number);
        await page.GotoAsync("/Registers?from=2026-11-01&to=2026-11-30");
        await Assertions.Expect(page.Locator("#reception-register")).ToContainTextAsync(number);
        await Assertions.Expect(page.Locator("#reception-register")).ToContainTextAsync("满意");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("register-reception"), FullPage = true });
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-register").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"register-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(file);
        try
        {
            Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
            using var zip = System.IO.Compression.ZipFile.OpenRead(file);
            using var reader = new StreamReader(zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).Open());
            var sheet = await reader.ReadToEndAsync();
            Assert.Contains(number, sheet, StringComparison.Ordinal);
            Assert.Contains("和兴小区暖气不热", sheet, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }

        await page.GotoAsync("/Registers?book=activity&from=2026-11-01&to=2026-11-30");
        await Assertions.Expect(page.Locator("#activity-book")).ToContainTextAsync("冬季供暖接待日");
        await page.GotoAsync("/ReceptionDays?month=2026-11");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("reception-calendar"), FullPage = true });

        await using var db = TestData.Context(fixture.ConnectionString);
        var saved = await db.CitizenRequests.AsNoTracking().SingleAsync(r => r.TrackingNumber == number);
        Assert.Equal((RequestStatus.Closed, Domain.Common.Evaluation.Satisfied), (saved.Status, saved.LatestEvaluation!.Value));
        Assert.NotNull(saved.ReceptionDayId);
        await page.Context.CloseAsync();
    }
}
