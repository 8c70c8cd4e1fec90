using System.Net;
using LiaisonStations.Tests.Shared;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LiaisonStations.IntegrationTests;

/// <summary>/metrics (OpenTelemetry, Prometheus text) on a real port: served to the allowed networks (loopback by default), 404 to others.</summary>
public sealed class MetricsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static async Task<(HttpStatusCode Status, string Body)> ScrapeAsync(AppFactory factory)
    {
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using (await client.GetAsync("/health/live"))
        {
        }

        using var response = await client.GetAsync("/metrics");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Loopback_may_scrape_the_metrics()
    {
        await using var factory = new AppFactory(fixture.AppConnectionString);
        var (status, body) = await ScrapeAsync(factory);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("http_server_request_duration_seconds", body, StringComparison.Ordinal);
        Assert.Contains("liaison_referrals_overdue", body, StringComparison.Ordinal);
        Assert.Matches("(?m)^(process_runtime_)?dotnet_", body);         // runtime instrumentation
    }

    [Fact]
    public async Task A_caller_outside_the_allowed_networks_is_told_nothing_is_there()
    {
        await using var factory = new AppFactory(fixture.AppConnectionString, settings: new Dictionary<string, string?> { ["Metrics:AllowedNetworks"] = "10.0.0.0/8" });
        var (status, body) = await ScrapeAsync(factory);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("http_server", body, StringComparison.Ordinal);
    }
}
