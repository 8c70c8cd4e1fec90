using System.Text.RegularExpressions;

namespace LiaisonStations.IntegrationTests;

/// <summary>Every page answers with the security headers, has no inline script or style, and shows no server version.</summary>
public sealed partial class SecurityHeaderTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    public static TheoryData<string> Pages() =>
    [
        "/", "/Stations", "/Stations/Create", "/Stations/Details/{station}", "/Stations/Edit/{station}", "/Stations/Close/{station}",
        "/Status/404", "/Error", "/no-such-page",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_has_the_security_headers_and_no_inline_script(string template)
    {
        using var client = fixture.Factory.CreateClient();
        var url = template.Replace("{station}", fixture.Data.RongshiStationId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
        Assert.Empty(InlineScript().Matches(html));
        Assert.Empty(InlineStyle().Matches(html));
        Assert.DoesNotContain("http://cdn", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://cdn", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cookies_are_http_only_and_same_site()
    {
        using var client = fixture.Factory.CreateClient();

        using var response = await client.GetAsync("/Stations/Create");

        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c =>
        {
            Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite", c, StringComparison.OrdinalIgnoreCase);
        });
    }

    // A <script> element with content (no src) or an on* handler attribute.
    [GeneratedRegex("""<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("""<style[\s>]|\sstyle\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();
}
