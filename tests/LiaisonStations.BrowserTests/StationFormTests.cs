using Microsoft.Playwright;

namespace LiaisonStations.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class StationFormTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_clerk_creates_a_station_with_the_keyboard_alone()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/Stations/Create");

        await page.Locator("#Input_Code").FocusAsync();
        await page.Keyboard.TypeAsync("ST-KB");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("南岗区和兴路街道代表联络站");
        // Selects answer to the keyboard: choosing the district refills the area list from the server.
        await page.Locator("#Input_DistrictCode").FocusAsync();
        await page.Locator("#Input_DistrictCode").SelectOptionAsync("230103");
        await Assertions.Expect(page.Locator("#Input_AreaId option", new PageLocatorOptions { HasTextString = "和兴路街道" })).ToHaveCountAsync(1);
        await page.Locator("#Input_AreaId").SelectOptionAsync(new SelectOptionValue { Label = "和兴路街道" });
        await page.Locator("#Input_OpenedOn").FillAsync("2022-03-01");
        await page.Locator("#Input_Address").FocusAsync();
        await page.Keyboard.TypeAsync("和兴路1号");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("已创建联络站");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("南岗区和兴路街道代表联络站");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("每月15日");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "station-created.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Errors_are_shown_in_chinese_beside_the_fields()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/Stations/Create");

        await page.Locator("#Input_Name").FillAsync("");
        await page.Locator("main button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.Name']")).ToHaveTextAsync("请填写“名称”。");
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.Code']")).ToContainTextAsync("编码");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "station-errors.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
