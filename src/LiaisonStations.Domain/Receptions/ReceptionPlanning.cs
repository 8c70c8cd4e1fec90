using LiaisonStations.Domain.Stations;

namespace LiaisonStations.Domain.Receptions;

/// <summary>
/// Turns a station's reception schedule (e.g. "the 15th of every month") into planned reception days for a
/// period. Dates that already have a reception day at the station are skipped, so running it again adds
/// only what is missing.
/// </summary>
public static class ReceptionPlanning
{
    public const int MaxMonthsAhead = 12;

    public static IReadOnlyList<ReceptionDay> FromSchedule(
        int stationId,
        ReceptionSchedule schedule,
        DateOnly from,
        DateOnly to,
        IReadOnlySet<DateOnly> datesTaken,
        DateTimeOffset now)
    {
        Common.Check.That(schedule.Kind != ScheduleKind.None, "Schedule.NoneToGenerate");
        Common.Check.That(to >= from && to <= from.AddMonths(MaxMonthsAhead), "Schedule.PeriodTooLong", MaxMonthsAhead);
        return schedule.OccurrencesBetween(from, to)
            .Where(d => !datesTaken.Contains(d))
            .Select(d => ReceptionDay.Plan(stationId, d, ReceptionDayType.Reception, null, null, null, [], now, fromSchedule: true))
            .ToList();
    }
}
