using LiaisonStations.Domain.Calendar;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Data.Seeding;

/// <summary>Demo data: Citizens' requests through their whole workflow, with evaluations.</summary>
public sealed partial class DemoSeeder
{
    private async Task SeedRequestsAsync(CancellationToken ct)
    {
        var stationById = _stations.Concat(_points).ToDictionary(s => s.Id);
        var batch = new List<CitizenRequest>();
        var channels = new[] { RequestChannel.WalkIn, RequestChannel.Phone, RequestChannel.WeChat, RequestChannel.Online, RequestChannel.HomeVisit };
        foreach (var day in _receptionDays.Where(d => d.Status == ReceptionDayStatus.Held && d.IsReception))
        {
            var count = Math.Min(day.CitizensReceived, _rng.Next(0, 4));
            var attending = day.Deputies.Where(d => d.Attended).Select(d => d.DeputyId).ToList();
            for (var i = 0; i < count; i++)
            {
                batch.Add(SimulateRequest(stationById[day.StationId], day.Id, RequestChannel.Reception, At(day.Date, 9 + i), attending));
            }
        }

        for (var i = 0; i < 1500; i++)
        {
            var station = _rng.NextDouble() < 0.85 ? Pick(_stations) : Pick(_points);
            var date = _today.AddDays(-_rng.Next(0, 365));
            batch.Add(SimulateRequest(station, null, Pick(channels), At(date, _rng.Next(8, 17)), _deputiesByStation.GetValueOrDefault(station.Id) ?? []));
        }

        // Requests registered this very morning, still waiting at the desk.
        foreach (var station in _stations.Take(12))
        {
            batch.Add(SimulateRequest(station, null, RequestChannel.WalkIn, _now.AddHours(-2), _deputiesByStation.GetValueOrDefault(station.Id) ?? []));
        }

        foreach (var chunk in batch.Chunk(2000))
        {
            db.CitizenRequests.AddRange(chunk);
            await SaveAsync(ct);
        }
    }

    private CitizenRequest SimulateRequest(Station station, int? receptionDayId, RequestChannel channel, DateTimeOffset registeredAt, List<int> deputies)
    {
        var district = _districtsByCode[DistrictCodeOfStation(station)];
        var date = ChinaTime.DateOf(registeredAt);
        var scope = RecordNumbers.RequestScope(date.Year, district.Abbreviation!);
        var seq = _counters[scope] = _counters.GetValueOrDefault(scope) + 1;
        var category = Pick(_categories);
        var summaries = HarbinData.Summaries[category.Name];
        var withContact = _rng.NextDouble() < 0.6;
        var contact = withContact
            ? new CitizenContact(RandomName(), RandomPhone(), $"{district.Name}{_rng.Next(1, 200)}号{_rng.Next(1, 30)}单元", true, _rng.NextDouble() < 0.5)
            : CitizenContact.Anonymous;
        var clerk = new Actor(null, $"联络员{station.Name[..Math.Min(2, station.Name.Length)]}");
        var r = CitizenRequest.Register(
            RecordNumbers.Request(date.Year, district.Abbreviation!, seq), RecordNumbers.TrackingCode(_rng), station.Id, receptionDayId,
            channel, category.Id, Pick(summaries), contact, clerk, registeredAt);
        var t = registeredAt;
        bool Step(double days)
        {
            t = t.AddHours(days * 24);
            return t <= _now;
        }

        var roll = _rng.NextDouble();
        if (roll < 0.12)
        {
            if (Step(0.02))
            {
                r.AnswerOnSite("已向群众当场解释相关政策。", clerk, t);
                if (Step(_rng.Next(1, 5)))
                {
                    r.Close(RandomEvaluation(), null, clerk, t);
                }
            }

            return r;
        }

        if (roll < 0.16)
        {
            if (Step(_rng.Next(1, 10)))
            {
                r.Withdraw("群众表示问题已自行解决，申请撤回。", clerk, t);
            }

            return r;
        }

        if (deputies.Count == 0 || !Step(_rng.NextDouble() * 2))
        {
            return r;
        }

        var assigned = Sample(deputies, _rng.Next(1, 3));
        r.AssignDeputies(assigned, null, clerk, t);
        var deputyActor = new Actor(null, "代表");
        if (!Step(_rng.NextDouble() * 3))
        {
            return r;
        }

        var department = Pick(_departments);
        var due = _calendar.AddWorkingDays(ChinaTime.DateOf(t), WorkingCalendar.DefaultReferralWorkingDays);
        r.Refer(department.Id, due, "请按时限办理并答复。", clerk, t);
        var departmentActor = new Actor(null, department.Name);
        var late = _rng.NextDouble() < 0.15;
        if (late)
        {
            if (!Step(_rng.Next(10, 14)))
            {
                return r;
            }

            r.Supervise("已超过办理时限，请尽快办理。", _calendar.AddWorkingDays(ChinaTime.DateOf(t), 5), deputyActor, t);
        }

        if (!Step(_rng.Next(2, 9)))
        {
            return r;
        }

        r.RecordReply("经现场核实，已安排相关科室处理，预计近期完成。", departmentActor, t);
        if (_rng.NextDouble() < 0.08)
        {
            if (!Step(_rng.Next(1, 4)))
            {
                return r;
            }

            r.Supervise("答复内容过于笼统，请补充具体整改措施。", null, deputyActor, t);
            if (!Step(_rng.Next(2, 6)))
            {
                return r;
            }

            r.RecordReply("已制定具体整改方案并组织实施。", departmentActor, t);
        }

        if (!Step(_rng.Next(1, 4)))
        {
            return r;
        }

        if (_rng.NextDouble() < 0.8)
        {
            r.Resolve("问题已解决，群众确认。", clerk, t);
        }
        else
        {
            r.Explain("受规划和资金限制暂时无法解决，已向群众说明原因。", clerk, t);
        }

        if (!Step(_rng.Next(2, 7)))
        {
            return r;
        }

        var evaluation = RandomEvaluation();
        r.Close(evaluation, evaluation == Domain.Common.Evaluation.Unsatisfied ? "群众对处理结果不满意" : null, clerk, t);
        if (evaluation == Domain.Common.Evaluation.Unsatisfied && _rng.NextDouble() < 0.6 && Step(_rng.Next(1, 4)))
        {
            r.Reopen("群众不满意，重新办理。", clerk, t);
            if (Step(_rng.Next(1, 3)))
            {
                r.Refer(department.Id, _calendar.AddWorkingDays(ChinaTime.DateOf(t), WorkingCalendar.DefaultReferralWorkingDays), "重新办理", clerk, t);
            }
        }

        return r;
    }

    private Evaluation RandomEvaluation()
    {
        var x = _rng.NextDouble();
        return x < 0.78 ? Domain.Common.Evaluation.Satisfied : x < 0.94 ? Domain.Common.Evaluation.BasicallySatisfied : Domain.Common.Evaluation.Unsatisfied;
    }
}
