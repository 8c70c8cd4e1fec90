using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Import;

/// <summary>reception_days.csv and requests.csv: the record of past activities and citizens' requests.</summary>
public sealed partial class RosterImport
{
    private sealed record DayRow(int Line, string Code, string StationCode, DateOnly Date, ReceptionDayType Type, string? Theme, IReadOnlyList<string> DeputyCodes, int Citizens);

    private sealed record RequestRow(int Line, string Code, string StationCode, string? DayCode, DateOnly RegisteredOn, RequestChannel Channel, string Category, string Summary, RequestStatus Status, DateOnly? ResolvedOn, Evaluation? Evaluation);

    private void ParseDays(Table table, ImportScope scope)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        foreach (var row in table.Rows)
        {
            var ok = true;
            var code = Required(table, row, "code", ref ok);
            var station = Required(table, row, "station_code", ref ok);
            var date = DateValue(table, row, "date", required: true, ref ok);
            if (date > ChinaTime.DateOf(now))
            {
                // Imported activities are held ones: a date still to come is a typing slip.
                Problem(table.FileName, row.Line, "date", l.Rule(new DomainRuleException("ReceptionDay.HeldInFuture", date)));
                ok = false;
            }

            var type = EnumValue<ReceptionDayType>(table, row, "type", null, ref ok);
            var citizens = IntValue(table, row, "citizens_received", ref ok);
            var deputies = SplitList(row.Get("deputy_codes")).Distinct().ToList();
            foreach (var unknown in deputies.Where(d => !_deputyCodes.Contains(d)))
            {
                if (!_refused.Contains(unknown))
                {
                    Problem(table.FileName, row.Line, "deputy_codes", l["Import.UnknownCode", unknown]);
                }

                ok = false;
            }

            foreach (var known in deputies.Where(_deputyCodes.Contains))
            {
                ok &= DeputyInScope(table, row, "deputy_codes", known, scope);
            }

            ok &= KnownStation(table, row, "station_code", station, scope);
            ok = ok && FirstTime(table, row, seen, code);
            if (ok && _storedDays.TryGetValue(code, out var stored))
            {
                ok = StoredInScope(table, row, "code", code, stored.StationPath, scope);
                if (ok && stored.StationCode != station)
                {
                    Problem(table.FileName, row.Line, "station_code", l["Import.StationChanged", code]);
                    ok = false;
                }
            }

            if (!ok)
            {
                _refused.Add(code);
                continue;
            }

            var theme = Optional(row, "theme");
            Try(table, row, "type", () =>
            {
                _ = ReceptionDay.RecordPast(code, 1, date!.Value, type!.Value, theme, [], citizens!.Value, now);
                _dayCodes.Add(code);
                _days.Add(new DayRow(row.Line, code, station, date.Value, type.Value, theme, deputies, citizens.Value));
            });
        }
    }

    private void ParseRequests(Table table, ImportScope scope)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        foreach (var row in table.Rows)
        {
            var ok = true;
            var code = Required(table, row, "code", ref ok);
            var station = Required(table, row, "station_code", ref ok);
            var registered = DateValue(table, row, "registered_on", required: true, ref ok);
            var channel = EnumValue<RequestChannel>(table, row, "channel", null, ref ok);
            var category = Required(table, row, "category", ref ok);
            var summary = Required(table, row, "summary", ref ok);
            var status = EnumValue<RequestStatus>(table, row, "status", null, ref ok);
            var resolved = DateValue(table, row, "resolved_on", required: false, ref ok);
            Evaluation? evaluation = null;
            if (row.Get("evaluation").Length > 0)
            {
                evaluation = EnumValue<Evaluation>(table, row, "evaluation", null, ref ok);
            }

            var day = Optional(row, "reception_day_code");
            if (day is not null && !_dayCodes.Contains(day))
            {
                if (!_refused.Contains(day))
                {
                    Problem(table.FileName, row.Line, "reception_day_code", l["Import.UnknownCode", day]);
                }

                ok = false;
            }
            else if (day is not null && _storedDays.TryGetValue(day, out var storedDay))
            {
                ok &= StoredInScope(table, row, "reception_day_code", day, storedDay.StationPath, scope);
            }

            if (category.Length > 50)
            {
                Problem(table.FileName, row.Line, "category", l["Validation.TooLong", 50]);
                ok = false;
            }

            ok &= KnownStation(table, row, "station_code", station, scope);
            ok = ok && FirstTime(table, row, seen, code);
            ok = ok && StoredInScope(table, row, "code", code, _storedRequestPaths.GetValueOrDefault(code), scope);

            if (!ok)
            {
                continue;
            }

            Try(table, row, "status", () =>
            {
                _ = CitizenRequest.Import(code, "IMPORTCHECK00000", new RecordedRequest(1, null, registered!.Value, channel!.Value, 1, summary, status!.Value, resolved, evaluation), Actor.System, now);
                _requests.Add(new RequestRow(row.Line, code, station, day, registered.Value, channel.Value, category, summary, status.Value, resolved, evaluation));
            });
        }
    }

    private async Task<ImportCounts> WriteDaysAsync(DateTimeOffset now, CancellationToken ct)
    {
        int created = 0, updated = 0;
        var stationCodes = _days.Select(a => a.StationCode).Distinct().ToArray();
        var stationIds = await db.Stations.AsNoTracking().Where(s => stationCodes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.Id, ct);
        var deputyCodes = _days.SelectMany(d => d.DeputyCodes).Distinct().ToArray();
        var deputyIds = await db.Deputies.AsNoTracking().Where(d => deputyCodes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Id, ct);
        foreach (var chunk in _days.Chunk(5000))
        {
            var codes = chunk.Select(d => d.Code).ToArray();
            var existing = await db.ReceptionDays.Where(d => d.Code != null && codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code!, ct);
            foreach (var row in chunk)
            {
                var attending = row.DeputyCodes.Select(c => deputyIds[c]).ToList();
                if (existing.TryGetValue(row.Code, out var day))
                {
                    if (day.StationId != stationIds[row.StationCode])
                    {
                        throw new ImportConflictException(new ImportProblem("reception_days", row.Line, "station_code", l["Import.StationChanged", row.Code]));
                    }

                    updated += day.UpdateRecorded(row.Date, row.Type, row.Theme, attending, row.Citizens, now) ? 1 : 0;
                    continue;
                }

                db.ReceptionDays.Add(ReceptionDay.RecordPast(row.Code, stationIds[row.StationCode], row.Date, row.Type, row.Theme, attending, row.Citizens, now));
                created++;
            }

            await SaveAsync(ct);
        }

        return new ImportCounts("reception_days", _days.Count, created, updated, _days.Count - created - updated);
    }

    private async Task<ImportCounts> WriteRequestsAsync(Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        int created = 0, updated = 0;
        var categories = await db.RequestCategories.ToDictionaryAsync(c => c.Name, c => c.Id, ct);
        foreach (var name in _requests.Select(r => r.Category).Distinct().Where(n => !categories.ContainsKey(n)))
        {
            var category = RequestCategory.Create(name);
            db.RequestCategories.Add(category);
            await SaveAsync(ct);
            categories[name] = category.Id;
        }

        var stationCodes = _requests.Select(a => a.StationCode).Distinct().ToArray();
        var stationIds = await db.Stations.AsNoTracking().Where(s => stationCodes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.Id, ct);
        var dayCodes = _requests.Where(r => r.DayCode != null).Select(r => r.DayCode!).Distinct().ToArray();
        var dayIds = await db.ReceptionDays.AsNoTracking().Where(d => d.Code != null && dayCodes.Contains(d.Code)).ToDictionaryAsync(d => d.Code!, d => d.Id, ct);
        foreach (var chunk in _requests.Chunk(5000))
        {
            var codes = chunk.Select(r => r.Code).ToArray();
            var existing = await db.CitizenRequests.Where(r => codes.Contains(r.TrackingNumber)).ToDictionaryAsync(r => r.TrackingNumber, ct);
            foreach (var row in chunk)
            {
                var recorded = new RecordedRequest(stationIds[row.StationCode], row.DayCode is null ? null : dayIds[row.DayCode], row.RegisteredOn, row.Channel,
                    categories[row.Category], row.Summary, row.Status, row.ResolvedOn, row.Evaluation);
                if (existing.TryGetValue(row.Code, out var request))
                {
                    updated += request.UpdateFromImport(recorded, actor, now) ? 1 : 0;
                    continue;
                }

                db.CitizenRequests.Add(CitizenRequest.Import(row.Code, RecordNumbers.NewTrackingCode(), recorded, actor, now));
                created++;
            }

            await SaveAsync(ct);
        }

        return new ImportCounts("requests", _requests.Count, created, updated, _requests.Count - created - updated);
    }
}
