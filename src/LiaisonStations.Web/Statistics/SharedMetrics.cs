using System.Globalization;
using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Common;
using LiaisonStations.Web.Infrastructure.Caching;
using Microsoft.Extensions.Caching.Hybrid;

namespace LiaisonStations.Web.Statistics;

/// <summary>
/// Figures are computed once and shared (HybridCache): a Monday-morning burst of city staff opening the same
/// dashboard waits for one set of aggregate queries instead of queueing behind dozens of identical ones, and the
/// next visitors get the same figures without any. A period still running is kept at most
/// <see cref="CurrentPeriodLifetime"/> (the dashboard shows the figures' age); a closed period
/// <see cref="ClosedPeriodLifetime"/>. Any business change saved on this instance drops them all at once
/// (<see cref="DataChanges"/>), so nobody misses their own change; another instance's change shows within those
/// times. The computation runs in a scope of its own and is cancelled only when every asker has gone.
/// </summary>
public sealed class SharedMetrics(IServiceScopeFactory scopes, HybridCache cache, TimeProvider clock)
{
    public static readonly TimeSpan CurrentPeriodLifetime = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan ClosedPeriodLifetime = TimeSpan.FromMinutes(10);

    private static readonly string[] Tags = [DataChanges.FiguresTag];

    public ValueTask<MetricsReport> ForAreaAsync(Area area, DateOnly from, DateOnly to, CancellationToken ct, bool? stationRows = null, bool withCharts = false) =>
        GetAsync(
            string.Create(CultureInfo.InvariantCulture, $"figures|area|{area.Path}|{from:yyyy-MM-dd}|{to:yyyy-MM-dd}|{stationRows}|{withCharts}|{CultureInfo.CurrentUICulture.Name}"),
            to,
            (metrics, token) => metrics.ForAreaAsync(area, from, to, token, stationRows, withCharts),
            ct);

    public ValueTask<MetricsReport> ForStationAsync(int stationId, DateOnly from, DateOnly to, CancellationToken ct, bool withCharts = false) =>
        GetAsync(
            string.Create(CultureInfo.InvariantCulture, $"figures|station|{stationId}|{from:yyyy-MM-dd}|{to:yyyy-MM-dd}|{withCharts}|{CultureInfo.CurrentUICulture.Name}"),
            to,
            (metrics, token) => metrics.ForStationAsync(stationId, from, to, token, withCharts),
            ct);

    private ValueTask<MetricsReport> GetAsync(string key, DateOnly to, Func<AreaMetrics, CancellationToken, Task<MetricsReport>> compute, CancellationToken ct)
    {
        var lifetime = to < ChinaTime.DateOf(clock.GetUtcNow()) ? ClosedPeriodLifetime : CurrentPeriodLifetime;
        var options = new HybridCacheEntryOptions { Expiration = lifetime, LocalCacheExpiration = lifetime };
        return cache.GetOrCreateAsync(
            key,
            (Scopes: scopes, Clock: clock, Compute: compute),
            static async (state, token) =>
            {
                await using var scope = state.Scopes.CreateAsyncScope();
                var report = await state.Compute(scope.ServiceProvider.GetRequiredService<AreaMetrics>(), token);
                // Read on a replica, the figures are as old as its replay (the dashboard shows their age).
                return report with { ComputedAt = state.Clock.GetUtcNow() - scope.ServiceProvider.GetRequiredService<Infrastructure.ReadConnections>().Lag };
            },
            options,
            Tags,
            ct);
    }
}
