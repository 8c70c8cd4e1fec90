using System.Globalization;
using LiaisonStations.Domain.Calendar;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// Reading the values of imported tables as district staff keep them: dates as yyyy-MM-dd, yyyy/M/d or an
/// Excel date serial; enumerations by their code name (any case) or by the Chinese label the UI shows.
/// </summary>
public static class ImportValues
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd", "yyyy.M.d", "yyyyMMdd"];

    public static DateOnly? Date(string text)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.Year is >= 1949 and <= 2100 ? date : null;
        }

        // A date cell in an XLSX file arrives as its serial number (days since 1899-12-30).
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 18264 and < 73051)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        }

        return null;
    }

    public static CalendarDayKind? CalendarKind(string text) => text.Trim().ToLowerInvariant() switch
    {
        "holiday" or "休" or "假" or "节假日" or "法定节假日" or "放假" => CalendarDayKind.Holiday,
        "workingday" or "working_day" or "班" or "上班" or "调休" or "调休上班" or "调休上班日" => CalendarDayKind.WorkingDay,
        _ => null,
    };

    /// <summary>An enum value by code name (case-insensitive) or by any of the given labels (the UI's Chinese ones).</summary>
    public static TEnum? Enum<TEnum>(string text, Func<TEnum, IEnumerable<string>> labels)
        where TEnum : struct, System.Enum
    {
        text = text.Trim();
        if (text.Length == 0 || int.TryParse(text, out _))
        {
            return null;
        }

        if (System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value))
        {
            return value;
        }

        foreach (var candidate in System.Enum.GetValues<TEnum>())
        {
            if (labels(candidate).Any(label => string.Equals(label, text, StringComparison.OrdinalIgnoreCase)))
            {
                return candidate;
            }
        }

        return null;
    }

    public static bool? Bool(string text) => text.Trim().ToLowerInvariant() switch
    {
        "" => false,
        "true" or "1" or "yes" or "y" or "是" or "√" or "✓" => true,
        "false" or "0" or "no" or "n" or "否" => false,
        _ => null,
    };
}
