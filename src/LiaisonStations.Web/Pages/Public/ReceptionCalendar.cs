using System.Globalization;
using System.Text;
using LiaisonStations.Domain.Common;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>
/// A station's upcoming reception days as an iCalendar file (RFC 5545) a phone's calendar can subscribe to. Times
/// are written in UTC (converted from Beijing time) so no time-zone block is needed; a day without hours is an
/// all-day event.
/// </summary>
public static class ReceptionCalendar
{
    public static string Write(string stationCode, string stationName, string? address, IEnumerable<PublicReceptionDay> days, Func<PublicReceptionDay, string> summaryOf, string deputiesLabel, DateTimeOffset now)
    {
        var ics = new StringBuilder();
        Line(ics, "BEGIN:VCALENDAR");
        Line(ics, "VERSION:2.0");
        Line(ics, "PRODID:-//LiaisonStations//Reception days//ZH");
        Line(ics, "CALSCALE:GREGORIAN");
        Line(ics, "METHOD:PUBLISH");
        Line(ics, "X-WR-CALNAME:" + Text(stationName));
        Line(ics, "X-WR-TIMEZONE:Asia/Shanghai");
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var day in days)
        {
            Line(ics, "BEGIN:VEVENT");
            Line(ics, string.Create(CultureInfo.InvariantCulture, $"UID:reception-day-{day.Id}-{stationCode}@liaison-stations"));
            Line(ics, "DTSTAMP:" + stamp);
            if (day.StartsAt is { } starts)
            {
                Line(ics, "DTSTART:" + Utc(day.Date, starts));
                Line(ics, "DTEND:" + Utc(day.Date, day.EndsAt is { } ends && ends > starts ? ends : starts.AddHours(2)));
            }
            else
            {
                Line(ics, "DTSTART;VALUE=DATE:" + day.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
                Line(ics, "DTEND;VALUE=DATE:" + day.Date.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture));
            }

            Line(ics, "SUMMARY:" + Text(summaryOf(day)));
            Line(ics, "LOCATION:" + Text(string.IsNullOrEmpty(address) ? stationName : $"{stationName} {address}"));
            if (day.Deputies.Count > 0)
            {
                Line(ics, "DESCRIPTION:" + Text($"{deputiesLabel}: {string.Join(", ", day.Deputies)}"));
            }

            Line(ics, "END:VEVENT");
        }

        Line(ics, "END:VCALENDAR");
        return ics.ToString();
    }

    private static string Utc(DateOnly date, TimeOnly time) =>
        ChinaTime.StartOf(date).Add(time.ToTimeSpan()).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>TEXT values escape backslash, semicolon, comma and line breaks.</summary>
    private static string Text(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal);

    /// <summary>Lines end in CRLF and are folded at 75 octets (UTF-8), never inside a character.</summary>
    private static void Line(StringBuilder ics, string line)
    {
        var octets = 0;
        var start = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var size = char.IsHighSurrogate(line[i]) ? 4 : Encoding.UTF8.GetByteCount(line.AsSpan(i, 1));
            if (octets + size > (start == 0 ? 75 : 74))
            {
                ics.Append(line, start, i - start).Append("\r\n ");
                start = i;
                octets = 0;
            }

            octets += size;
            if (char.IsHighSurrogate(line[i]))
            {
                i++;
            }
        }

        ics.Append(line, start, line.Length - start).Append("\r\n");
    }
}
