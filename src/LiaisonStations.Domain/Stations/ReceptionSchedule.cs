using LiaisonStations.Domain.Common;

namespace LiaisonStations.Domain.Stations;

public enum ScheduleKind
{
    None = 0,

    /// <summary>A fixed day of every month, e.g. the 15th (平潭街 pattern). Short months use their last day.</summary>
    MonthlyOnDay = 1,

    /// <summary>The n-th weekday of every month, e.g. the first Wednesday.</summary>
    MonthlyNthWeekday = 2,

    /// <summary>The same weekday every week.</summary>
    Weekly = 3,
}

/// <summary>A station's standing reception rule, from which planned reception days are generated.</summary>
public sealed record ReceptionSchedule
{
    public static readonly ReceptionSchedule None = new(ScheduleKind.None, null, null, null);

    private ReceptionSchedule(ScheduleKind kind, int? dayOfMonth, DayOfWeek? weekday, int? nth)
    {
        Kind = kind;
        DayOfMonth = dayOfMonth;
        Weekday = weekday;
        Nth = nth;
    }

    public ScheduleKind Kind { get; }

    public int? DayOfMonth { get; }

    public DayOfWeek? Weekday { get; }

    public int? Nth { get; }

    public static ReceptionSchedule MonthlyOn(int day)
    {
        Check.That(day is >= 1 and <= 31, "Schedule.DayOfMonthOutOfRange", day);
        return new ReceptionSchedule(ScheduleKind.MonthlyOnDay, day, null, null);
    }

    public static ReceptionSchedule MonthlyNth(int nth, DayOfWeek weekday)
    {
        Check.That(nth is >= 1 and <= 4, "Schedule.NthOutOfRange", nth);
        return new ReceptionSchedule(ScheduleKind.MonthlyNthWeekday, null, weekday, nth);
    }

    public static ReceptionSchedule WeeklyOn(DayOfWeek weekday) => new(ScheduleKind.Weekly, null, weekday, null);

    public static ReceptionSchedule From(ScheduleKind kind, int? dayOfMonth, DayOfWeek? weekday, int? nth) => kind switch
    {
        ScheduleKind.None => None,
        ScheduleKind.MonthlyOnDay => MonthlyOn(dayOfMonth ?? throw new DomainRuleException("Schedule.DayOfMonthRequired")),
        ScheduleKind.MonthlyNthWeekday => MonthlyNth(
            nth ?? throw new DomainRuleException("Schedule.NthRequired"),
            weekday ?? throw new DomainRuleException("Schedule.WeekdayRequired")),
        ScheduleKind.Weekly => WeeklyOn(weekday ?? throw new DomainRuleException("Schedule.WeekdayRequired")),
        _ => throw new DomainRuleException("Schedule.KindUnknown", kind),
    };

    /// <summary>Every date of the rule between <paramref name="from"/> and <paramref name="to"/>, both inclusive.</summary>
    public IEnumerable<DateOnly> OccurrencesBetween(DateOnly from, DateOnly to)
    {
        if (Kind == ScheduleKind.None || to < from)
        {
            yield break;
        }

        if (Kind == ScheduleKind.Weekly)
        {
            var offset = ((int)Weekday!.Value - (int)from.DayOfWeek + 7) % 7;
            for (var d = from.AddDays(offset); d <= to; d = d.AddDays(7))
            {
                yield return d;
            }

            yield break;
        }

        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var date = Kind == ScheduleKind.MonthlyOnDay
                ? new DateOnly(month.Year, month.Month, Math.Min(DayOfMonth!.Value, DateTime.DaysInMonth(month.Year, month.Month)))
                : NthWeekday(month, Nth!.Value, Weekday!.Value);
            if (date >= from && date <= to)
            {
                yield return date;
            }
        }
    }

    private static DateOnly NthWeekday(DateOnly firstOfMonth, int nth, DayOfWeek weekday)
    {
        var offset = ((int)weekday - (int)firstOfMonth.DayOfWeek + 7) % 7;
        return firstOfMonth.AddDays(offset + ((nth - 1) * 7));
    }
}
