using System.Net;
using LiaisonStations.Tests.Shared;

namespace LiaisonStations.IntegrationTests;

/// <summary>Outside Development a failure shows a calm page with a reference, never a stack trace or versions.</summary>
public sealed class ErrorPageTests
{
    [Fact]
    public async Task An_unexpected_failure_shows_the_error_page_without_internals()
    {
        // With the database unreachable even the login page fails (its antiforgery keys live in the database).
        await using var factory = new AppFactory("Host=127.0.0.1;Port=1;Database=none;Username=postgres;Timeout=2");
        using var client = factory.CreatePageClient();

        using var response = await client.GetAsync("/Account/Login");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("系统出现错误", html, StringComparison.Ordinal);
        Assert.Contains("错误编号", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", html, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }
}
