using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>How many times something happened for one key (an address, a phone) in one time window.</summary>
public sealed class RateCounter
{
    public string Key { get; set; } = string.Empty;

    public DateTimeOffset WindowStart { get; set; }

    public int Hits { get; set; }
}

internal sealed class RateCounterConfiguration : IEntityTypeConfiguration<RateCounter>
{
    public void Configure(EntityTypeBuilder<RateCounter> b)
    {
        b.ToTable("rate_counters");
        b.HasKey(c => new { c.Key, c.WindowStart });
        b.Property(c => c.Key).HasMaxLength(100);
        b.HasIndex(c => c.WindowStart);
    }
}

/// <summary>
/// The limits of the citizens' site (submissions per address and per phone, look-ups per address), counted in
/// PostgreSQL so that every app instance sees the same count. Keys never hold an address or a number in clear:
/// they are hashed, and counters older than two days are deleted.
/// </summary>
public sealed class RateCounters(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>Counts one more hit for the key in the current window and returns the count.</summary>
    public async Task<int> HitAsync(string key, TimeSpan window, CancellationToken ct)
    {
        var start = WindowStart(clock.GetUtcNow(), window);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO rate_counters (key, window_start, hits) VALUES ($1, $2, 1)
            ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_counters.hits + 1
            RETURNING hits
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = start });
        var hits = (int)(await command.ExecuteScalarAsync(ct))!;
        if (hits == 1 && Random.Shared.Next(50) == 0)
        {
            // Now and then the first hit of a window clears the old ones; nothing reads them after two days.
            await using var purge = dataSource.CreateCommand("DELETE FROM rate_counters WHERE window_start < $1");
            purge.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow().AddDays(-2) });
            await purge.ExecuteNonQueryAsync(ct);
        }

        return hits;
    }

    /// <summary>The count for the key in the current window, without counting.</summary>
    public async Task<int> CountAsync(string key, TimeSpan window, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT hits FROM rate_counters WHERE key = $1 AND window_start = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = WindowStart(clock.GetUtcNow(), window) });
        return await command.ExecuteScalarAsync(ct) is int hits ? hits : 0;
    }

    /// <summary>Windows start on the hour or at midnight in China (a "day" is the citizen's day, not UTC's).</summary>
    public static DateTimeOffset WindowStart(DateTimeOffset now, TimeSpan window)
    {
        var local = now.ToUniversalTime() + ChinaOffset;
        var ticks = local.UtcTicks - (local.UtcTicks % window.Ticks);
        return new DateTimeOffset(ticks, TimeSpan.Zero) - ChinaOffset;
    }

    /// <summary>A counter key for what (e.g. "submit") and whom (an address, a phone), hashed.</summary>
    public static string Key(string what, string who) =>
        what + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("liaison-rate|" + what + "|" + who)), 0, 16);

    /// <summary>The client's address as a counter subject: IPv6 by its /64 (one household or phone), IPv4 whole.</summary>
    public static string AddressOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes).ToString();
        }

        return address.ToString();
    }
}
