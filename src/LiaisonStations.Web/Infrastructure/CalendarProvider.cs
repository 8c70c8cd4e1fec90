using LiaisonStations.Domain.Calendar;
using LiaisonStations.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// The working-day calendar (holidays and make-up working days) from the database, cached for a few
/// minutes: it changes a few times a year and is read on every list with deadlines.
/// </summary>
public sealed class CalendarProvider(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private WorkingCalendar? _calendar;
    private DateTimeOffset _loadedAt;

    public async Task<WorkingCalendar> GetAsync(CancellationToken ct)
    {
        if (_calendar is { } cached && clock.GetUtcNow() - _loadedAt < Lifetime)
        {
            return cached;
        }

        await _lock.WaitAsync(ct);
        try
        {
            if (_calendar is null || clock.GetUtcNow() - _loadedAt >= Lifetime)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var days = await db.CalendarDays.AsNoTracking().Select(d => new { d.Date, d.Kind }).ToListAsync(ct);
                _calendar = new WorkingCalendar(days.Select(d => (d.Date, d.Kind)));
                _loadedAt = clock.GetUtcNow();
            }

            return _calendar;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Forget the cache after an administrator changed the calendar.</summary>
    public void Invalidate() => _calendar = null;

    public void Dispose() => _lock.Dispose();
}
