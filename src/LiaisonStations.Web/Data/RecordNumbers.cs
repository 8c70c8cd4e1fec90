using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Data;

/// <summary>Human-readable numbers for requests and suggestions, and unguessable tracking codes for citizens.</summary>
public static class RecordNumbers
{
    // No 0/O, 1/I/L: citizens read these codes aloud over the phone.
    private const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string RequestScope(int year, string district) => $"request:{year}:{district}";

    public static string Request(int year, string district, int sequence) => $"{year}-{district}-{sequence:000000}";

    public static string SuggestionScope(int year) => $"suggestion:{year}";

    public static string Suggestion(int year, int sequence) => $"{year}-JY-{sequence:0000}";

    /// <summary>
    /// 查询码: twelve characters from A–Z and 2–9 without the look-alikes, about 59 bits — not guessable by trying,
    /// the more so as a look-up also needs the phone's last four digits and is rate-limited. Shown as XXXX-XXXX-XXXX.
    /// </summary>
    public static string NewTrackingCode() => RandomNumberGenerator.GetString(CodeAlphabet, TrackingCodeLength);

    public const int TrackingCodeLength = 12;

    /// <summary>
    /// A code drawn from a form's one-time key (secret: it travels only inside the form's encrypted ticket), so a
    /// form sent twice is recognised by the code its first send saved.
    /// </summary>
    public static string TrackingCodeFrom(Guid key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(key.ToByteArray(), hash);
        var value = BitConverter.ToUInt64(hash);
        Span<char> chars = stackalloc char[TrackingCodeLength];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = CodeAlphabet[(int)(value % (ulong)CodeAlphabet.Length)];
            value /= (ulong)CodeAlphabet.Length;
        }

        return new string(chars);
    }

    /// <summary>A tracking code in groups of four (ABCD-EFGH-JKMN), as citizens note it down.</summary>
    public static string FormatTrackingCode(string code) =>
        string.Join('-', Enumerable.Range(0, (code.Length + 3) / 4).Select(i => code.Substring(i * 4, Math.Min(4, code.Length - (i * 4)))));

    /// <summary>A code as typed (any case, spaces or dashes) in its stored form; null when it cannot be one.</summary>
    public static string? NormalizeTrackingCode(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40)
        {
            return null;
        }

        var code = new string(typed.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return code.Length is >= TrackingCodeLength and <= 16 && code.All(c => CodeAlphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }

    /// <summary>The next request number of the station's district and the year (2026-NG-000123).</summary>
    public static async Task<string> NextRequestNumberAsync(AppDbContext db, string stationAreaPath, DateTimeOffset now, CancellationToken ct)
    {
        var districtCode = Domain.Areas.Area.DistrictCodeOf(stationAreaPath);
        var abbreviation = await db.Areas.Where(a => a.Code == districtCode).Select(a => a.Abbreviation).FirstOrDefaultAsync(ct) ?? "XX";
        var year = Domain.Common.ChinaTime.DateOf(now).Year;
        var sequence = await DocumentCounter.NextAsync(db, RequestScope(year, abbreviation), ct);
        return Request(year, abbreviation, sequence);
    }

    /// <summary>Same shape from a seeded generator, for reproducible demo and scale data.</summary>
    public static string TrackingCode(Random random)
    {
        Span<char> chars = stackalloc char[TrackingCodeLength];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = CodeAlphabet[random.Next(CodeAlphabet.Length)];
        }

        return new string(chars);
    }
}
