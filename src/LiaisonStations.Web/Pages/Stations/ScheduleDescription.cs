using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Stations;

/// <summary>A schedule rule in words: "每月15日", "每月第一个星期三", "每周星期二".</summary>
public static class ScheduleDescription
{
    public static string Describe(ReceptionSchedule schedule, IStringLocalizer l) => schedule.Kind switch
    {
        ScheduleKind.MonthlyOnDay => string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Schedule.MonthlyOnDay"], schedule.DayOfMonth),
        ScheduleKind.MonthlyNthWeekday => string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Schedule.MonthlyNth"], l[$"Schedule.Nth.{schedule.Nth}"], l.Enum(schedule.Weekday!.Value)),
        ScheduleKind.Weekly => string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Schedule.Weekly"], l.Enum(schedule.Weekday!.Value)),
        _ => l["Schedule.None"],
    };
}
