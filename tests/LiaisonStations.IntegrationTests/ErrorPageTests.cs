using System.Net;
using LiaisonStations.Tests.Shared;

namespace LiaisonStations.IntegrationTests;

/// <summary>Outside Development a failure shows a calm page, never a stack trace or versions (unexpected failures: AtomicChangeTests).</summary>
public sealed class ErrorPageTests
{
    [Fact]
    public async Task An_unreachable_database_shows_the_calm_503_page_without_internals()
    {
        // With the database unreachable even the login page fails (its antiforgery keys live in the database).
        await using var factory = new AppFactory("Host=127.0.0.1;Port=1;Database=none;Username=postgres;Timeout=2");
        using var client = factory.CreatePageClient();

        using var response = await client.GetAsync("/Account/Login");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
        Assert.Contains("系统暂时无法连接数据库，请稍后再试", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", html, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }
}
