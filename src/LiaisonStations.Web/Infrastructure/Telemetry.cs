using System.Diagnostics.Metrics;
using System.Net;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// OpenTelemetry: ASP.NET Core, HttpClient, runtime and Npgsql metrics and the work counters of <see cref="WorkMetrics"/>,
/// scraped at <c>/metrics</c> (Prometheus text format) from the networks in <c>Metrics:AllowedNetworks</c> only (loopback by
/// default; anyone else gets 404). Traces go out over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<WorkMetrics>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("LiaisonStations"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql")
                .AddMeter(WorkMetrics.MeterName)
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter());
        }

        return services;
    }

    /// <summary>The scraping endpoint, answered only to the allowed networks (404 to others, as if it did not exist).</summary>
    public static void MapMetrics(this WebApplication app)
    {
        // Made now, so its gauge is exported from the first scrape on.
        app.Services.GetRequiredService<WorkMetrics>();
        var allowed = AllowedNetworks(app.Configuration);
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(MetricsPath),
            branch => branch.Use(async (context, next) =>
            {
                var remote = context.Connection.RemoteIpAddress;
                if (remote is null || !allowed.Any(network => network.Contains(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await next(context);
            }));
    }

    /// <summary>After routing: the exporter's endpoint, open to anonymous callers (the network filter above guards it).</summary>
    public static void MapMetricsEndpoint(this WebApplication app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();

    private static List<IPNetwork> AllowedNetworks(IConfiguration configuration)
    {
        var configured = configuration.GetSection("Metrics:AllowedNetworks").Get<string[]>()
            ?? configuration["Metrics:AllowedNetworks"]?.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
            ?? [];
        var networks = configured.Select(text => IPNetwork.TryParse(text.Trim(), out var network)
                ? network
                : throw new InvalidOperationException($"Metrics:AllowedNetworks: \"{text}\" is not a network such as 10.0.0.0/8.")).ToList();
        return networks.Count > 0 ? networks : [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];
    }
}

/// <summary>The work's own counters: requests registered, imports written (rows by file), overdue referrals as last counted.</summary>
public sealed class WorkMetrics
{
    public const string MeterName = "LiaisonStations";

    private readonly Counter<long> _registered;
    private readonly Counter<long> _imported;
    private long _overdueReferrals;

    public WorkMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _registered = meter.CreateCounter<long>("liaison.requests.registered", "{request}", "Citizens' requests registered");
        _imported = meter.CreateCounter<long>("liaison.import.rows", "{row}", "Rows written by imports, by file");
        meter.CreateObservableGauge("liaison.referrals.overdue", () => Interlocked.Read(ref _overdueReferrals), "{request}", "Open referred requests past their due date, as of the last reminder run");
    }

    public void RequestRegistered() => _registered.Add(1);

    public void Imported(string file, long rows) => _imported.Add(rows, new KeyValuePair<string, object?>("file", file));

    public void OverdueReferrals(long count) => Interlocked.Exchange(ref _overdueReferrals, count);
}
