using System.Collections.Concurrent;
using System.Globalization;
using LiaisonStations.Domain.Areas;

namespace LiaisonStations.Web.Statistics;

/// <summary>
/// Figures asked for by several people at the same moment are computed once: a Monday-morning burst of
/// city staff opening the same dashboard waits for one set of aggregate queries instead of queueing behind
/// dozens of identical ones. Nothing is kept afterwards — whoever asks later gets a new computation, so the
/// figures are always as of the request (DESIGN §4). The computation runs in a scope of its own and ignores
/// the first asker's cancellation, so one closed tab does not fail the others.
/// </summary>
public sealed class SharedMetrics(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<MetricsReport>>> _running = new(StringComparer.Ordinal);

    public Task<MetricsReport> ForAreaAsync(Area area, DateOnly from, DateOnly to, CancellationToken ct, bool? stationRows = null, bool withCharts = false) =>
        RunAsync(
            string.Create(CultureInfo.InvariantCulture, $"area|{area.Path}|{from:yyyy-MM-dd}|{to:yyyy-MM-dd}|{stationRows}|{withCharts}|{CultureInfo.CurrentUICulture.Name}"),
            metrics => metrics.ForAreaAsync(area, from, to, CancellationToken.None, stationRows, withCharts),
            ct);

    public Task<MetricsReport> ForStationAsync(int stationId, DateOnly from, DateOnly to, CancellationToken ct, bool withCharts = false) =>
        RunAsync(
            string.Create(CultureInfo.InvariantCulture, $"station|{stationId}|{from:yyyy-MM-dd}|{to:yyyy-MM-dd}|{withCharts}|{CultureInfo.CurrentUICulture.Name}"),
            metrics => metrics.ForStationAsync(stationId, from, to, CancellationToken.None, withCharts),
            ct);

    private Task<MetricsReport> RunAsync(string key, Func<AreaMetrics, Task<MetricsReport>> compute, CancellationToken ct)
    {
        var running = _running.GetOrAdd(key, k => new Lazy<Task<MetricsReport>>(() => ComputeAsync(k, compute)));
        return running.Value.WaitAsync(ct);
    }

    private async Task<MetricsReport> ComputeAsync(string key, Func<AreaMetrics, Task<MetricsReport>> compute)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await compute(scope.ServiceProvider.GetRequiredService<AreaMetrics>());
        }
        finally
        {
            _running.TryRemove(key, out _);
        }
    }
}
