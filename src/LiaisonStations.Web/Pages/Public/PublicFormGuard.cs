using System.Globalization;
using System.Security.Cryptography;
using LiaisonStations.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using SkiaSharp;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>The limits of the citizens' forms (section "Public" of the configuration).</summary>
public sealed class PublicSiteOptions
{
    /// <summary>A form sent back sooner than this after it was shown is taken for a robot.</summary>
    public int MinFillSeconds { get; set; } = 5;

    /// <summary>Submissions from one address in a day before a challenge must be solved.</summary>
    public int SubmitsPerAddressBeforeChallenge { get; set; } = 3;

    /// <summary>Submissions from one address in a day, challenge or not.</summary>
    public int SubmitsPerAddressPerDay { get; set; } = 20;

    /// <summary>Submissions with one mobile number in a day.</summary>
    public int SubmitsPerPhonePerDay { get; set; } = 3;

    /// <summary>Look-ups of a tracking code from one address in an hour.</summary>
    public int LookupsPerAddressPerHour { get; set; } = 30;
}

/// <summary>
/// Anti-abuse for the citizens' forms without any outside service: a signed ticket says when the form was shown
/// (too fast is a robot; too old is refused), and a challenge — digits drawn on a picture by the server — is asked
/// for once an address passes its daily allowance. Each challenge can be answered once.
/// </summary>
public sealed class PublicFormGuard(IDataProtectionProvider protection, TimeProvider clock, RateCounters counters, Microsoft.Extensions.Options.IOptions<PublicSiteOptions> options, ILogger<PublicFormGuard> logger)
{
    private const string Digits = "23456789";

    private readonly ITimeLimitedDataProtector _tickets = protection.CreateProtector("LiaisonStations.Public.FormTicket").ToTimeLimitedDataProtector();

    private readonly ITimeLimitedDataProtector _challenges = protection.CreateProtector("LiaisonStations.Public.Challenge").ToTimeLimitedDataProtector();

    public PublicSiteOptions Options => options.Value;

    public enum TicketState
    {
        Valid,
        Missing,
        TooFast,
    }

    /// <summary>
    /// A ticket for a form shown now, valid for two hours. It also carries a one-time key for what the form will
    /// make: sent twice (a double tap, a resend on a bad network), it is still one submission.
    /// </summary>
    public string NewTicket() =>
        _tickets.Protect(string.Create(CultureInfo.InvariantCulture, $"{clock.GetUtcNow().ToUnixTimeMilliseconds()}:{Guid.NewGuid():N}"), TimeSpan.FromHours(2));

    public TicketState Check(string? ticket) =>
        Read(ticket) is not { } read ? TicketState.Missing
        : clock.GetUtcNow() - read.Shown < TimeSpan.FromSeconds(Options.MinFillSeconds) ? TicketState.TooFast
        : TicketState.Valid;

    /// <summary>The one-time key of a genuine ticket (none for a forged or expired one).</summary>
    public Guid? SubmissionKeyOf(string? ticket) => Read(ticket)?.Key;

    private (DateTimeOffset Shown, Guid? Key)? Read(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket) || ticket.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = _tickets.Unprotect(ticket).Split(':');
            var shown = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[0], CultureInfo.InvariantCulture));
            return (shown, parts.Length > 1 && Guid.TryParseExact(parts[1], "N", out var key) ? key : null);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or OverflowException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// The first screen of every citizens' form: the honeypot and the ticket. Returns the resource key of the refusal
    /// to show (a robot, a stale form, one sent too fast), or null when the form may be looked at further.
    /// </summary>
    public string? Screen(string form, string? honeypot, string? ticket)
    {
        if (!string.IsNullOrEmpty(honeypot))
        {
            logger.LogWarning("{Form} refused: honeypot filled", form);
            return "Submit.Refused";
        }

        switch (Check(ticket))
        {
            case TicketState.Missing:
                return "Submit.FormExpired";
            case TicketState.TooFast:
                logger.LogWarning("{Form} refused: sent too soon after the form was shown", form);
                return "Submit.TooFast";
            default:
                return null;
        }
    }

    /// <summary>
    /// Counts a look-up by a code (tracking, cancelling a booking, Open311) from this client and says whether the
    /// address has passed its hourly allowance (<see cref="PublicSiteOptions.LookupsPerAddressPerHour"/>).
    /// </summary>
    public async Task<bool> LookupRefusedAsync(HttpContext http, CancellationToken ct) =>
        await counters.HitAsync(RateCounters.Key("track-address", RateCounters.AddressOf(http)), TimeSpan.FromHours(1), ct) > Options.LookupsPerAddressPerHour;

    /// <summary>A new challenge: the token the form carries (the answer, sealed) for the picture and the check.</summary>
    public string NewChallenge()
    {
        var answer = RandomNumberGenerator.GetString(Digits, 5);
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        return _challenges.Protect(answer + "|" + nonce, TimeSpan.FromMinutes(15));
    }

    /// <summary>The digits of a challenge, for drawing its picture; null for a token that is not ours or expired.</summary>
    public string? AnswerOf(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            return _challenges.Unprotect(token).Split('|')[0];
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Whether the answer is right; a challenge answered once (rightly or not) cannot be answered again.</summary>
    public async Task<bool> SolvedAsync(string? token, string? answer, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000 || string.IsNullOrWhiteSpace(answer))
        {
            return false;
        }

        string[] parts;
        try
        {
            parts = _challenges.Unprotect(token).Split('|');
        }
        catch (CryptographicException)
        {
            return false;
        }

        var first = await counters.HitAsync(RateCounters.Key("challenge", parts[1]), TimeSpan.FromDays(1), ct) == 1;
        return first && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(parts[0]), System.Text.Encoding.ASCII.GetBytes(answer.Trim()));
    }

    /// <summary>
    /// The challenge's picture: the digits drawn as strokes (no font needed), each shifted and tilted a little,
    /// over crossing lines. Enough to stop a form-filling script; a person reads it at a glance.
    /// </summary>
    public static byte[] Render(string answer)
    {
        const int width = 200, height = 64;
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var noise = new SKPaint { Color = new SKColor(150, 160, 180), StrokeWidth = 1.5f, IsAntialias = true, Style = SKPaintStyle.Stroke };
        for (var i = 0; i < 6; i++)
        {
            canvas.DrawLine(RandomNumberGenerator.GetInt32(width), RandomNumberGenerator.GetInt32(height), RandomNumberGenerator.GetInt32(width), RandomNumberGenerator.GetInt32(height), noise);
        }

        using var ink = new SKPaint { Color = new SKColor(20, 40, 90), StrokeWidth = 4.5f, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round };
        for (var i = 0; i < answer.Length; i++)
        {
            canvas.Save();
            canvas.Translate(14 + (i * 37) + RandomNumberGenerator.GetInt32(-3, 4), 10 + RandomNumberGenerator.GetInt32(-4, 5));
            canvas.Skew((RandomNumberGenerator.GetInt32(-20, 21)) / 100f, 0);
            using var path = new SKPath();
            foreach (var (x1, y1, x2, y2) in Segments(answer[i]))
            {
                path.MoveTo(x1, y1);
                path.LineTo(x2, y2);
            }

            canvas.DrawPath(path, ink);
            canvas.Restore();
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    // A digit as the segments of a 22 × 44 seven-segment figure: a top, b top right, c bottom right, d bottom,
    // e bottom left, f top left, g middle.
    private static IEnumerable<(float, float, float, float)> Segments(char digit)
    {
        var on = digit switch
        {
            '2' => "abged",
            '3' => "abgcd",
            '4' => "fgbc",
            '5' => "afgcd",
            '6' => "afgedc",
            '7' => "abc",
            '8' => "abcdefg",
            '9' => "abcdfg",
            _ => "g",
        };
        foreach (var s in on)
        {
            yield return s switch
            {
                'a' => (0, 0, 22, 0),
                'b' => (22, 0, 22, 22),
                'c' => (22, 22, 22, 44),
                'd' => (0, 44, 22, 44),
                'e' => (0, 22, 0, 44),
                'f' => (0, 0, 0, 22),
                _ => (0, 22, 22, 22),
            };
        }
    }
}
