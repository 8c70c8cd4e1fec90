using System.Net;
using System.Text.RegularExpressions;

namespace LiaisonStations.IntegrationTests;

/// <summary>Every page answers with the security headers, has no inline script or style, and shows no server version.</summary>
public sealed partial class SecurityHeaderTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    public static TheoryData<string> Pages() =>
    [
        "/", "/Stations", "/Stations/Create", "/Stations/Details/{station}", "/Stations/Edit/{station}", "/Stations/Close/{station}",
        "/Requests", "/Admin/Users", "/Admin/Users/Create", "/Admin/Audit", "/Account/ChangePassword", "/Account/Login",
        "/Status/404", "/Error", "/no-such-page",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_has_the_security_headers_and_no_inline_script(string template)
    {
        var client = (await fixture.SignedInAsync("admin")).Client;
        var url = template.Replace("{station}", fixture.Data.RongshiStationId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        var expected = template switch
        {
            "/no-such-page" or "/Status/404" => HttpStatusCode.NotFound,
            "/Account/Login" => HttpStatusCode.Redirect,
            _ => HttpStatusCode.OK,
        };
        Assert.Equal(expected, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.Empty(InlineScript().Matches(html));
        Assert.Empty(InlineStyle().Matches(html));
        Assert.DoesNotContain("http://cdn", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://cdn", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cookies_are_http_only_and_same_site()
    {
        var session = fixture.NewSession();
        var login = await session.GetAsync("/Account/Login");

        using var response = await session.SubmitAsync(login, "main form", new Dictionary<string, string?> { ["Input.UserName"] = "admin", ["Input.Password"] = Tests.Shared.TestData.Password }, pageUrl: "/Account/Login");

        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("liaison.auth=", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task Outside_development_pages_over_plain_http_get_a_clear_message_not_an_error()
    {
        using var client = fixture.Factory.CreateClient();

        using var page = await client.GetAsync("/Account/Login");
        using var health = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("请通过 HTTPS 访问本系统", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    // A <script> element with content (no src) or an on* handler attribute.
    [GeneratedRegex("""<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("""<style[\s>]|\sstyle\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();
}
