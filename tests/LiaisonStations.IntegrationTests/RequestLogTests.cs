using System.Collections.Concurrent;
using LiaisonStations.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace LiaisonStations.IntegrationTests;

/// <summary>One log line per request (Serilog.AspNetCore): method, path without the query string, status, time and user.</summary>
public sealed class RequestLogTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private sealed class Capture : ILogEventSink
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();

        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
    }

    /// <summary>The application with one more Serilog sink (taken from its services) that keeps what it is given.</summary>
    private sealed class LoggedFactory(string connectionString, Capture capture)
        : AppFactory(connectionString, settings: new Dictionary<string, string?> { ["Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware"] = "Debug" })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(capture));
        }
    }

    [Fact]
    public async Task Each_request_is_one_line_with_the_user_and_without_the_query_string()
    {
        var capture = new Capture();
        await using (var factory = new LoggedFactory(fixture.AppConnectionString, capture))
        {
            var session = await factory.SignedInAsync("city");
            await session.GetAsync("/Requests?q=13812345678");
            await new PageSession(factory.CreatePageClient()).GetAsync("/Account/Login");
            using var css = await factory.CreatePageClient().GetAsync("/css/site.css");

            // A request's line is written when its pipeline completes, which may be just after the client has the answer.
            for (var i = 0; i < 100 && capture.Events.Count(e => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal)) < 5; i++)
            {
                await Task.Delay(50);
            }
        }

        var lines = capture.Events.Where(e => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal))
            .Select(e => (e.Level, Text: e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var line = Assert.Single(lines, l => l.Text.Contains("HTTP GET /Requests ", StringComparison.Ordinal));
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Matches(@"^HTTP GET /Requests responded 200 in [0-9.]+ ms for city$", line.Text);
        Assert.Contains(lines, l => l.Text.StartsWith("HTTP GET /Account/Login responded 200", StringComparison.Ordinal) && l.Text.Contains("anonymous", StringComparison.Ordinal));
        Assert.Equal(LogEventLevel.Debug, Assert.Single(lines, l => l.Text.Contains("/css/site.css", StringComparison.Ordinal)).Level);
        Assert.DoesNotContain(capture.Events, e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("13812345678", StringComparison.Ordinal));
    }
}
