namespace LiaisonStations.Tests.Shared;

/// <summary>A clock the test sets; tests never depend on the wall clock.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    /// <summary>2026-11-20 10:00 in Asia/Shanghai, a Friday.</summary>
    public static DateTimeOffset Default { get; } = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8));

    public FixedClock()
        : this(Default)
    {
    }

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Set(DateTimeOffset now) => _now = now;

    public void Advance(TimeSpan by) => _now = _now.Add(by);
}
