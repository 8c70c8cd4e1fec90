using LiaisonStations.Tests.Shared;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LiaisonStations.BrowserTests;

/// <summary>
/// The application on a real Kestrel port over its own PostgreSQL database, and Debian's Chromium driven by
/// Playwright (never a downloaded browser: set LIAISON_CHROMIUM to use another executable).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public AppFactory Factory { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public TestData Data { get; private set; } = null!;

    public string ConnectionString { get; private set; } = string.Empty;

    public string BaseUrl { get; private set; } = string.Empty;

    public static string ScreenshotFolder { get; } = Path.Combine(Path.GetTempPath(), "liaison-screenshots");

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("browser");
        Data = await TestData.SeedAsync(ConnectionString, FixedClock.Default);
        // Kestrel serves plain http here, so the cookies cannot be Secure-only in this test.
        Factory = new AppFactory(TestPostgres.AsRuntime(ConnectionString), settings: new Dictionary<string, string?> { ["Security:AllowInsecureCookies"] = "true" });
        Factory.UseKestrel(0);
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

        var executable = Environment.GetEnvironmentVariable("LIAISON_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium not found at {executable}: apt-get install -y chromium fonts-wqy-microhei, or set LIAISON_CHROMIUM.");
        }

        // Web-first assertions (Expect) wait 5 s by default, separately from the context's timeout: on two busy CI
        // cores a page rendered after a click can take longer. A real failure still fails, only later.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // The closed network refuses Chromium's own background connections; keep it from trying.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task<IPage> NewPageAsync(string locale = "zh-CN")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = locale,
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        // Generous: CI runs the browser beside the integration tests on two cores, and a first page compiles its view.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh browser context signed in through the login page.</summary>
    public async Task<IPage> SignedInPageAsync(string userName = "admin", string locale = "zh-CN")
    {
        var page = await NewPageAsync(locale);
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input_UserName").FillAsync(userName);
        await page.Locator("#Input_Password").FillAsync(TestData.Password);
        await page.Locator("#Input_Password").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#current-user")).ToBeVisibleAsync();
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
