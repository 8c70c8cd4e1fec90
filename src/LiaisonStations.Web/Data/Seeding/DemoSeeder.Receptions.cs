using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Stations;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Data.Seeding;

/// <summary>Demo data: A year of reception days and duty reports, planned and held.</summary>
public sealed partial class DemoSeeder
{
    private async Task SeedReceptionDaysAsync(CancellationToken ct)
    {
        var from = _today.AddDays(-365);
        var to = _today.AddDays(60);
        var themes = new[] { "供暖季民生问题专题接待", "老旧小区改造意见征集", "优化营商环境专题接待", "乡村振兴专题接待", "食品安全专题接待", "养老服务专题接待" };
        var otherTypes = new[] { ReceptionDayType.Inspection, ReceptionDayType.Survey, ReceptionDayType.Coordination, ReceptionDayType.Training, ReceptionDayType.Visit };
        foreach (var station in _stations.Concat(_points.Where(p => p.IsActive && p.ScheduleKind != ScheduleKind.None)))
        {
            var deputies = _deputiesByStation.GetValueOrDefault(station.Id) ?? [];
            foreach (var date in station.Schedule.OccurrencesBetween(Max(from, station.OpenedOn), to))
            {
                var themed = _rng.NextDouble() < 0.25;
                var day = ReceptionDay.Plan(
                    station.Id, date, themed ? ReceptionDayType.ThemedReception : ReceptionDayType.Reception, themed ? Pick(themes) : null,
                    new TimeOnly(9, 0), new TimeOnly(11, 30), Sample(deputies, _rng.Next(2, 6)), At(date.AddDays(-20), 10), fromSchedule: true);
                if (date < _today)
                {
                    if (_rng.NextDouble() < 0.06)
                    {
                        day.Cancel("因天气原因取消", At(date.AddDays(-1), 15));
                    }
                    else
                    {
                        HoldDay(day, deputies, _rng.Next(2, 16), date);
                    }
                }
                else if (station.Kind == StationKind.Station && date.DayNumber - _today.DayNumber <= 30)
                {
                    // The next month's reception days at stations take ten bookings each (预约接待).
                    day.OfferAppointments(10, At(date.AddDays(-20), 10));
                }

                _receptionDays.Add(day);
            }

            if (station.Kind != StationKind.Station)
            {
                continue;
            }

            for (var i = 0; i < 2; i++)
            {
                var date = _today.AddDays(-_rng.Next(5, 360));
                if (date < station.OpenedOn || deputies.Count == 0)
                {
                    continue;
                }

                var day = ReceptionDay.Plan(station.Id, date, ReceptionDayType.DutyReport, "代表向选民述职", new TimeOnly(14, 0), new TimeOnly(16, 30), [], At(date.AddDays(-15), 10));
                var reporters = Sample(deputies, _rng.Next(1, 4));
                var attendees = _rng.Next(15, 61);
                HoldDay(day, reporters, attendees, date, attendAll: true);
                foreach (var reporter in reporters)
                {
                    var s = _rng.Next(attendees * 6 / 10, attendees * 9 / 10);
                    var b = _rng.Next(0, attendees - s + 1);
                    var u = _rng.Next(0, Math.Max(1, (attendees - s - b) / 3));
                    day.RecordDutyReportVotes(reporter, s, b, u, At(date, 17));
                }

                _receptionDays.Add(day);
            }

            var extra = _rng.Next(1, 3);
            for (var i = 0; i < extra; i++)
            {
                var type = station.IsLegislativeContactPoint && i == 0 ? ReceptionDayType.LegislativeConsultation : Pick(otherTypes);
                var date = _today.AddDays(_rng.Next(-360, 40));
                if (date < station.OpenedOn)
                {
                    continue;
                }

                var day = ReceptionDay.Plan(station.Id, date, type, type == ReceptionDayType.LegislativeConsultation ? "《哈尔滨市物业管理条例（修订草案）》征求意见" : null, new TimeOnly(9, 30), null, Sample(deputies, _rng.Next(1, 4)), At(date.AddDays(-10), 9));
                if (date < _today)
                {
                    HoldDay(day, deputies, _rng.Next(0, 30), date);
                }

                _receptionDays.Add(day);
            }
        }

        db.ReceptionDays.AddRange(_receptionDays);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private void HoldDay(ReceptionDay day, List<int> deputies, int citizens, DateOnly date, bool attendAll = false)
    {
        var planned = day.Deputies.Select(d => d.DeputyId).ToList();
        var attending = attendAll ? deputies.ToList() : planned.Where(_ => _rng.NextDouble() < 0.9).ToList();
        if (attending.Count == 0 && deputies.Count > 0)
        {
            attending.Add(Pick(deputies));
        }

        var officials = _rng.NextDouble() < 0.3
            ? new[] { new AttendingOfficial(RandomName(), Pick(_departments).Id, "科长") }
            : [];
        day.RecordHeld(attending, officials, citizens, citizens > 0 ? $"接待群众{citizens}人次，现场答复群众咨询，收集意见建议并登记。" : null, At(date, 12));
    }
}
