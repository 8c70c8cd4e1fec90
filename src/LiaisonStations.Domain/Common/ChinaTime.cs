namespace LiaisonStations.Domain.Common;

/// <summary>
/// Calendar dates are kept in Asia/Shanghai. China has had no daylight saving time since 1991, so a fixed
/// UTC+8 offset is exact for every date this system holds and keeps the domain free of time-zone databases.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => instant.ToOffset(Offset);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The UTC instant at which the given local date starts.</summary>
    public static DateTimeOffset StartOf(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    public static DateTimeOffset Utc(DateTimeOffset instant) => instant.ToUniversalTime();
}
