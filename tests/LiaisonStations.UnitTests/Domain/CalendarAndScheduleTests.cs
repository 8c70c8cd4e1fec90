using LiaisonStations.Domain.Calendar;
using LiaisonStations.Domain.Stations;

namespace LiaisonStations.UnitTests.Domain;

public sealed class WorkingCalendarTests
{
    // National Day 2026: 1–7 October off, Sunday 20 September and Saturday 10 October worked.
    private static readonly WorkingCalendar Calendar = new(
    [
        (new DateOnly(2026, 9, 20), CalendarDayKind.WorkingDay),
        (new DateOnly(2026, 9, 25), CalendarDayKind.Holiday),
        (new DateOnly(2026, 10, 1), CalendarDayKind.Holiday), (new DateOnly(2026, 10, 2), CalendarDayKind.Holiday),
        (new DateOnly(2026, 10, 3), CalendarDayKind.Holiday), (new DateOnly(2026, 10, 4), CalendarDayKind.Holiday),
        (new DateOnly(2026, 10, 5), CalendarDayKind.Holiday), (new DateOnly(2026, 10, 6), CalendarDayKind.Holiday),
        (new DateOnly(2026, 10, 7), CalendarDayKind.Holiday),
        (new DateOnly(2026, 10, 10), CalendarDayKind.WorkingDay),
    ]);

    [Fact]
    public void Seven_working_days_from_an_ordinary_monday_end_on_the_next_wednesday()
    {
        Assert.Equal(new DateOnly(2026, 11, 11), Calendar.AddWorkingDays(new DateOnly(2026, 11, 2), 7));
    }

    [Fact]
    public void A_holiday_week_is_skipped_and_a_make_up_saturday_counts()
    {
        // From Tue 29 Sep: 30 Sep (1), then the holiday, Thu 8 (2), Fri 9 (3), Sat 10 make-up (4), Mon 12 (5), Tue 13 (6), Wed 14 (7).
        Assert.Equal(new DateOnly(2026, 10, 14), Calendar.AddWorkingDays(new DateOnly(2026, 9, 29), 7));
    }

    [Fact]
    public void A_make_up_sunday_is_a_working_day_and_a_weekday_holiday_is_not()
    {
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 9, 20)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 9, 25)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 9, 26)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 9, 24)));
    }

    [Fact]
    public void Three_colours_follow_working_days_left()
    {
        var today = new DateOnly(2026, 9, 30);
        Assert.Equal(DueState.Overdue, Calendar.StateOf(new DateOnly(2026, 9, 29), today, isOpen: true));
        Assert.Equal(DueState.DueSoon, Calendar.StateOf(today, today, isOpen: true));
        // 9 October is only two working days away (8 and 9) although it is nine calendar days.
        Assert.Equal(DueState.DueSoon, Calendar.StateOf(new DateOnly(2026, 10, 9), today, isOpen: true));
        Assert.Equal(DueState.OnTime, Calendar.StateOf(new DateOnly(2026, 10, 12), today, isOpen: true));
        Assert.Equal(DueState.None, Calendar.StateOf(new DateOnly(2026, 9, 1), today, isOpen: false));
        Assert.Equal(DueState.None, Calendar.StateOf(null, today, isOpen: true));
    }
}

public sealed class ReceptionScheduleTests
{
    [Fact]
    public void The_fifteenth_of_every_month()
    {
        var dates = ReceptionSchedule.MonthlyOn(15).OccurrencesBetween(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)).ToList();

        Assert.Equal([new DateOnly(2026, 1, 15), new DateOnly(2026, 2, 15), new DateOnly(2026, 3, 15)], dates);
    }

    [Fact]
    public void The_thirty_first_falls_on_the_last_day_of_short_months()
    {
        var dates = ReceptionSchedule.MonthlyOn(31).OccurrencesBetween(new DateOnly(2026, 2, 1), new DateOnly(2026, 4, 30)).ToList();

        Assert.Equal([new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 31), new DateOnly(2026, 4, 30)], dates);
    }

    [Fact]
    public void The_first_wednesday_of_each_month()
    {
        var dates = ReceptionSchedule.MonthlyNth(1, DayOfWeek.Wednesday).OccurrencesBetween(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31)).ToList();

        Assert.Equal([new DateOnly(2026, 11, 4), new DateOnly(2026, 12, 2)], dates);
    }

    [Fact]
    public void Every_tuesday_within_the_range_only()
    {
        var dates = ReceptionSchedule.WeeklyOn(DayOfWeek.Tuesday).OccurrencesBetween(new DateOnly(2026, 11, 4), new DateOnly(2026, 11, 24)).ToList();

        Assert.Equal([new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 17), new DateOnly(2026, 11, 24)], dates);
    }

    [Fact]
    public void No_rule_gives_no_dates_and_bad_rules_are_refused()
    {
        Assert.Empty(ReceptionSchedule.None.OccurrencesBetween(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
        Assert.Equal("Schedule.DayOfMonthOutOfRange", Assert.Throws<LiaisonStations.Domain.Common.DomainRuleException>(() => ReceptionSchedule.MonthlyOn(0)).Rule);
        Assert.Equal("Schedule.NthOutOfRange", Assert.Throws<LiaisonStations.Domain.Common.DomainRuleException>(() => ReceptionSchedule.MonthlyNth(5, DayOfWeek.Monday)).Rule);
    }
}
