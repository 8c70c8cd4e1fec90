using System.Globalization;

namespace LiaisonStations.Web.Statistics;

public enum PeriodKind
{
    Year = 1,
    Quarter = 2,
    Month = 3,
    Custom = 4,
}

/// <summary>
/// The period of a dashboard or report: a calendar year (the default), a quarter, a month, or custom dates.
/// Parsed from the query string leniently: anything missing falls back to the current year, anything
/// impossible (a 13th month, an end before the start, more than ten years) is reported, not thrown.
/// </summary>
public sealed record ReportPeriod(PeriodKind Kind, DateOnly From, DateOnly To)
{
    public const int MaxDays = 3660;

    public static ReportPeriod ThisYear(DateOnly today) => new(PeriodKind.Year, new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31));

    /// <summary>Null with <paramref name="valid"/> false when the values cannot make a period.</summary>
    public static ReportPeriod Parse(PeriodKind? kind, int? year, int? quarter, int? month, DateOnly? from, DateOnly? to, DateOnly today, out bool valid)
    {
        valid = true;
        var y = year ?? today.Year;
        if (y is < 2000 or > 2100)
        {
            valid = false;
            return ThisYear(today);
        }

        // Dates given without a kind (links, the API's form) mean custom dates.
        var k = kind ?? (from is not null || to is not null ? PeriodKind.Custom : PeriodKind.Year);
        switch (k)
        {
            case PeriodKind.Quarter:
                var q = quarter ?? ((today.Month - 1) / 3) + 1;
                if (q is < 1 or > 4)
                {
                    valid = false;
                    return ThisYear(today);
                }

                var start = new DateOnly(y, ((q - 1) * 3) + 1, 1);
                return new(k, start, start.AddMonths(3).AddDays(-1));
            case PeriodKind.Month:
                var m = month ?? today.Month;
                if (m is < 1 or > 12)
                {
                    valid = false;
                    return ThisYear(today);
                }

                var first = new DateOnly(y, m, 1);
                return new(k, first, first.AddMonths(1).AddDays(-1));
            case PeriodKind.Custom:
                var f = from ?? new DateOnly(y, 1, 1);
                var t = to ?? today;
                if (t < f || t.DayNumber - f.DayNumber > MaxDays)
                {
                    valid = false;
                    return ThisYear(today);
                }

                return new(k, f, t);
            default:
                return new(PeriodKind.Year, new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
        }
    }

    public int Year => From.Year;

    public int Quarter => ((From.Month - 1) / 3) + 1;

    public int Month => From.Month;

    /// <summary>Query-string values that reproduce this period on another page (the lists use from/to).</summary>
    public IEnumerable<KeyValuePair<string, string?>> Query()
    {
        yield return new("period", Kind.ToString());
        switch (Kind)
        {
            case PeriodKind.Year:
                yield return new("year", Year.ToString(CultureInfo.InvariantCulture));
                break;
            case PeriodKind.Quarter:
                yield return new("year", Year.ToString(CultureInfo.InvariantCulture));
                yield return new("quarter", Quarter.ToString(CultureInfo.InvariantCulture));
                break;
            case PeriodKind.Month:
                yield return new("year", Year.ToString(CultureInfo.InvariantCulture));
                yield return new("month", Month.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                yield return new("from", Iso(From));
                yield return new("to", Iso(To));
                break;
        }
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
