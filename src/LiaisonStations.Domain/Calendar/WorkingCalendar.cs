using LiaisonStations.Domain.Common;

namespace LiaisonStations.Domain.Calendar;

public enum CalendarDayKind
{
    /// <summary>法定节假日 (a weekday off).</summary>
    Holiday = 1,

    /// <summary>调休上班日 (a weekend day worked in exchange for a holiday).</summary>
    WorkingDay = 2,
}

/// <summary>An exception to the Monday–Friday week, maintained by administrators from the State Council's notice.</summary>
public sealed class CalendarDay
{
    private CalendarDay()
    {
        Name = string.Empty;
    }

    public DateOnly Date { get; private set; }

    public CalendarDayKind Kind { get; private set; }

    public string Name { get; private set; }

    /// <summary>A holiday may fall on any day; a make-up working day (调休上班) is always a Saturday or Sunday.</summary>
    public static bool Fits(DateOnly date, CalendarDayKind kind) =>
        kind == CalendarDayKind.Holiday || date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    public static CalendarDay Create(DateOnly date, CalendarDayKind kind, string name)
    {
        Check.That(Enum.IsDefined(kind), "Calendar.KindUnknown", kind);
        Check.That(Fits(date, kind), "Calendar.WorkingDayMustBeWeekend", date);
        return new CalendarDay { Date = date, Kind = kind, Name = Check.Text(name, 50, "Calendar.NameRequired") };
    }

    public void Change(CalendarDayKind kind, string name)
    {
        Check.That(Enum.IsDefined(kind), "Calendar.KindUnknown", kind);
        Check.That(Fits(Date, kind), "Calendar.WorkingDayMustBeWeekend", Date);
        Kind = kind;
        Name = Check.Text(name, 50, "Calendar.NameRequired");
    }
}

/// <summary>How close a deadline is, for the three colours on lists: green, yellow, red.</summary>
public enum DueState
{
    None = 0,
    OnTime = 1,
    DueSoon = 2,
    Overdue = 3,
}

/// <summary>
/// Working days on the Chinese calendar: Monday to Friday, minus statutory holidays, plus make-up working
/// days. Handling deadlines (办理时限) are counted in working days.
/// </summary>
public sealed class WorkingCalendar
{
    /// <summary>Default handling period of a referral, in working days.</summary>
    public const int DefaultReferralWorkingDays = 7;

    /// <summary>A deadline this many working days away or fewer is shown yellow.</summary>
    public const int DueSoonWorkingDays = 2;

    private readonly Dictionary<DateOnly, CalendarDayKind> _exceptions;

    public WorkingCalendar(IEnumerable<(DateOnly Date, CalendarDayKind Kind)> exceptions)
    {
        _exceptions = exceptions.ToDictionary(e => e.Date, e => e.Kind);
    }

    public static WorkingCalendar Plain { get; } = new([]);

    public bool IsWorkingDay(DateOnly date)
    {
        if (_exceptions.TryGetValue(date, out var kind))
        {
            return kind == CalendarDayKind.WorkingDay;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The date on which the <paramref name="workingDays"/>-th working day after <paramref name="start"/> falls.</summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        Check.That(workingDays is >= 1 and <= 3650, "Calendar.WorkingDaysOutOfRange", workingDays);
        var date = start;
        var counted = 0;
        while (counted < workingDays)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>Working days after <paramref name="today"/> up to and including <paramref name="due"/>; 0 when due today or past.</summary>
    public int WorkingDaysUntil(DateOnly today, DateOnly due)
    {
        var count = 0;
        for (var d = today.AddDays(1); d <= due; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    public DueState StateOf(DateOnly? due, DateOnly today, bool isOpen)
    {
        if (!isOpen || due is not { } d)
        {
            return DueState.None;
        }

        if (d < today)
        {
            return DueState.Overdue;
        }

        return WorkingDaysUntil(today, d) <= DueSoonWorkingDays ? DueState.DueSoon : DueState.OnTime;
    }
}
