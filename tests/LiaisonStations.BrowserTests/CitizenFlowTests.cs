using LiaisonStations.Tests.Shared;
using Microsoft.Playwright;

namespace LiaisonStations.BrowserTests;

/// <summary>
/// A citizen on a phone, end to end (issue 14): home → station → submit with a photo → 查询码 → track; the clerk
/// refers it, the department replies, the clerk resolves it; the citizen sees the reply and evaluates; the station's
/// public figures change.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CitizenFlowTests(BrowserFixture fixture)
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png");

    [Fact]
    public async Task A_citizen_on_a_phone_submits_follows_and_evaluates_and_the_station_figures_change()
    {
        var phone = await fixture.NewPageAsync();
        await phone.SetViewportSizeAsync(390, 844);
        await phone.GotoAsync("/public/stations/ST-RS");
        var collected = int.Parse((await phone.Locator("[data-metric='requestsCollected']").TextContentAsync())!.Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        var resolved = int.Parse((await phone.Locator("[data-metric='resolved']").TextContentAsync())!.Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

        // Home → find the station → its page → 反映问题.
        await phone.GotoAsync("/");
        await phone.Locator("#f-q").FillAsync("荣市");
        await phone.Locator("#find-station button[type=submit]").ClickAsync();
        await phone.Locator("#public-stations a", new() { HasText = "荣市街道代表联络站" }).First.ClickAsync();
        await phone.Locator("#station-submit").ClickAsync();
        await Assertions.Expect(phone.Locator("#submit-station")).ToContainTextAsync("荣市");
        await phone.Locator("#Input_CategoryId").SelectOptionAsync(new SelectOptionValue { Label = "供暖供水" });
        await phone.Locator("#Input_Text").FillAsync("我家暖气一直不热，室温只有14度。");
        await phone.Locator("#Input_Phone").FillAsync("13698765432");
        await phone.Locator("#Input_ConsentToContact").CheckAsync();
        var photo = Path.Combine(Path.GetTempPath(), $"radiator-{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(photo, TestPhotos.JpegWithGps(320, 240));
        await phone.Locator("#Input_Photos").SetInputFilesAsync(photo);
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("citizen-submit-390"), FullPage = true });
        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(10));
        await phone.Locator("#submit-send").ClickAsync();

        var code = (await phone.Locator("#submitted-code").TextContentAsync())!.Trim();
        var number = (await phone.Locator("#submitted-number").TextContentAsync())!.Trim();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", code);
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("citizen-submitted-390"), FullPage = true });

        async Task TrackAsync()
        {
            await phone.GotoAsync("/public/track");
            await phone.Locator("#Input_Code").FillAsync(code);
            await phone.Locator("#Input_PhoneDigits").FillAsync("5432");
            await phone.Locator("#track-send").ClickAsync();
            await Assertions.Expect(phone.Locator("#track-number")).ToContainTextAsync(number);
        }

        await TrackAsync();
        await Assertions.Expect(phone.Locator("#track-stages li[aria-current='step']")).ToContainTextAsync("已受理");
        await phone.GotoAsync("/public/stations/ST-RS");
        await Assertions.Expect(phone.Locator("[data-metric='requestsCollected']")).ToHaveTextAsync((collected + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The clerk finds it by its badge, sees the photo and hands it on; the department replies; the clerk resolves it.
        var clerk = await fixture.SignedInPageAsync("clerk");
        await clerk.GotoAsync("/Requests?q=" + Uri.EscapeDataString(number));
        await Assertions.Expect(clerk.Locator("tbody tr .online-badge")).ToBeVisibleAsync();
        await clerk.Locator("tbody tr a", new() { HasText = number }).ClickAsync();
        await Assertions.Expect(clerk.Locator("#request-photos img")).ToHaveCountAsync(1);
        Assert.True(await clerk.Locator("#request-photos img").EvaluateAsync<bool>("i => i.complete && i.naturalWidth === 320"));
        var requestUrl = clerk.Url;

        async Task StepAsync(IPage page, string step, Func<Task> fill, string expectedStatus)
        {
            await page.Locator($"#request-steps [data-step='{step}']").ClickAsync();
            await fill();
            await page.Locator("#step-submit").ClickAsync();
            await Assertions.Expect(page.Locator("#request-status")).ToHaveTextAsync(expectedStatus);
        }

        await StepAsync(clerk, "AssignDeputies", () => clerk.Locator($"#deputy-{fixture.Data.RongshiDeputyIds[0]}").CheckAsync(), "已分派");
        await StepAsync(clerk, "Refer", () => clerk.Locator("#Input_DepartmentId").SelectOptionAsync(new SelectOptionValue { Label = "市供热办公室" }), "已转办");
        var department = await fixture.SignedInPageAsync("department");
        await department.GotoAsync(requestUrl);
        await StepAsync(department, "RecordReply", () => department.Locator("#Input_Note").FillAsync("已派人检修，更换了堵塞的阀门，室温已达20度。"), "已答复");
        await clerk.ReloadAsync();
        await StepAsync(clerk, "Resolve", () => clerk.Locator("#Input_Note").FillAsync("电话确认"), "已解决");

        // The citizen sees the reply, nobody's name, and evaluates.
        await TrackAsync();
        await Assertions.Expect(phone.Locator("#track-steps")).ToContainTextAsync("更换了堵塞的阀门");
        await Assertions.Expect(phone.Locator("#track-result")).Not.ToContainTextAsync("供热办联络人");
        await Assertions.Expect(phone.Locator("#track-result")).Not.ToContainTextAsync("荣市联络员");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("citizen-track-390"), FullPage = true });
        await phone.Locator("#evaluation-Satisfied").CheckAsync();
        await phone.Locator("#evaluation-comment").FillAsync("修得很快，谢谢！");
        await phone.Locator("#evaluate-send").ClickAsync();
        await Assertions.Expect(phone.Locator("#track-thanks")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("#track-status")).ToHaveTextAsync("已回访");

        await phone.GotoAsync("/public/stations/ST-RS");
        await Assertions.Expect(phone.Locator("[data-metric='resolved']")).ToHaveTextAsync((resolved + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(phone.Locator("[data-metric='satisfaction']")).Not.ToHaveTextAsync("—");

        await clerk.ReloadAsync();
        await Assertions.Expect(clerk.Locator("#timeline")).ToContainTextAsync("群众网上评价");
        await phone.Context.CloseAsync();
        await clerk.Context.CloseAsync();
        await department.Context.CloseAsync();
    }
}
