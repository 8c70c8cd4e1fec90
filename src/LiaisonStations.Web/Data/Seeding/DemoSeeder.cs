using System.Diagnostics;
using System.Globalization;
using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Calendar;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Consultations;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Departments;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Domain.Suggestions;
using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Data.Seeding;

/// <summary>
/// Demo data: Harbin's real district structure (DESIGN §6) with generated streets, stations, deputies and a
/// year of activity. Reproducible: the same seed and reference date give the same data. The reference date
/// is today (Demo:ReferenceDate pins it), so "this year" on the dashboards always has figures. All
/// business records are created through the domain's own verbs, so every timeline is a legal one.
/// </summary>
public sealed partial class DemoSeeder(AppDbContext db, TimeProvider clock, IConfiguration configuration, ILogger<DemoSeeder> logger)
{
    /// <summary>The one shared password of the demo accounts (README). Demo accounts exist only in demo data.</summary>
    public const string DemoPassword = "Demo#2026-Liaison";

    private const long SeedLockKey = 0x4C6961_5365656;
    private static readonly string[] MobilePrefixes = ["38", "39", "35", "37", "58", "59", "86", "88", "30", "31", "32", "55", "56", "89"];
    private readonly Random _rng = new(20180701);
    private readonly List<Area> _streets = [];
    private readonly List<Area> _communities = [];
    private readonly Dictionary<string, Area> _districtsByCode = [];
    private readonly List<Station> _stations = [];
    private readonly List<Station> _points = [];
    private readonly List<Department> _departments = [];
    private readonly List<Deputy> _deputies = [];
    private readonly Dictionary<int, List<int>> _deputiesByStation = [];
    private readonly List<RequestCategory> _categories = [];
    private readonly List<ReceptionDay> _receptionDays = [];
    private readonly Dictionary<string, int> _counters = [];
    private Area _city = null!;
    private WorkingCalendar _calendar = WorkingCalendar.Plain;
    private DateTimeOffset _now;
    private DateOnly _today;

    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Two instances starting on an empty database: the second waits here, then finds data and stops.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", ct);
        if (await db.Areas.AnyAsync(ct))
        {
            return false;
        }

        var watch = Stopwatch.StartNew();
        // One summary entry instead of an audit line per seeded record.
        AuditInterceptor.Suppressed.Value = true;
        _now = ReferenceNow();
        _today = ChinaTime.DateOf(_now);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        logger.LogInformation("Seeding demo data for {Today}", Infrastructure.Fmt.Date(_today));

        await SeedCalendarAsync(ct);
        await SeedAreasAsync(ct);
        await SeedStationsAsync(ct);
        await SeedDepartmentsAsync(ct);
        await SeedDeputiesAsync(ct);
        await SeedReceptionDaysAsync(ct);
        await SeedRequestsAsync(ct);
        await SeedSuggestionsAsync(ct);
        await SeedHonoursAsync(ct);
        await SeedConsultationsAsync(ct);
        await SeedWaitingWorkAsync(ct);
        await SeedCountersAsync(ct);
        await SeedAccountsAsync(ct);
        db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow(), Action = "Demo.Seeded", Result = AuditResult.Success, UserName = "system", Details = Infrastructure.Fmt.Date(_today) });
        await SaveAsync(ct);

        await tx.CommitAsync(ct);
        AuditInterceptor.Suppressed.Value = false;
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        logger.LogInformation("Demo data seeded in {Seconds:0.0} s", watch.Elapsed.TotalSeconds);
        return true;
    }

    private DateTimeOffset ReferenceNow()
    {
        var pinned = configuration["Demo:ReferenceDate"];
        if (DateOnly.TryParseExact(pinned, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return ChinaTime.StartOf(date).AddHours(17);
        }

        return clock.GetUtcNow();
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private async Task SeedCalendarAsync(CancellationToken ct)
    {
        var days = HarbinData.Calendar2026
            .Select(d => CalendarDay.Create(DateOnly.ParseExact(d.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), d.Kind, d.Name))
            .ToList();
        db.CalendarDays.AddRange(days);
        _calendar = new WorkingCalendar(days.Select(d => (d.Date, d.Kind)));
        await SaveAsync(ct);
    }

    private async Task SeedAreasAsync(CancellationToken ct)
    {
        var province = Area.Create(HarbinData.ProvinceCode, HarbinData.ProvinceName, AreaLevel.Province, null, "HLJ");
        _city = Area.Create(HarbinData.CityCode, HarbinData.CityName, AreaLevel.City, province, "HEB");
        db.Areas.AddRange(province, _city);
        foreach (var (code, name, abbreviation, streetCount, urban) in HarbinData.Districts)
        {
            var district = Area.Create(code, name, AreaLevel.District, _city, abbreviation);
            _districtsByCode[code] = district;
            db.Areas.Add(district);
            var names = StreetNames(code, streetCount, urban);
            for (var i = 0; i < names.Count; i++)
            {
                var street = Area.Create($"{code}{i + 1:000}", names[i], AreaLevel.Street, district);
                _streets.Add(street);
                db.Areas.Add(street);
                foreach (var (communityName, j) in CommunityNames(code, names[i], urban || names[i].EndsWith("街道", StringComparison.Ordinal)).Select((n, j) => (n, j)))
                {
                    var community = Area.Create($"{street.Code}{j + 1:000}", communityName, AreaLevel.Community, street);
                    _communities.Add(community);
                    db.Areas.Add(community);
                }
            }
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
    }

    private List<string> StreetNames(string districtCode, int count, bool urban)
    {
        var names = new List<string>();
        names.AddRange(HarbinData.NamedStations.Where(s => s.DistrictCode == districtCode).Select(s => s.Street));
        names.AddRange(HarbinData.NamedPoints.Where(p => p.DistrictCode == districtCode).Select(p => p.Street));
        names = names.Distinct().ToList();
        foreach (var word in Shuffle(HarbinData.StreetWords.ToList()))
        {
            if (names.Count >= count)
            {
                break;
            }

            var suffix = urban ? "街道" : names.Count < 2 ? "街道" : _rng.NextDouble() < 0.6 ? "镇" : "乡";
            var name = word + suffix;
            if (!names.Any(n => n.StartsWith(word, StringComparison.Ordinal)))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private List<string> CommunityNames(string districtCode, string street, bool urban)
    {
        var names = HarbinData.NamedPoints.Where(p => p.DistrictCode == districtCode && p.Street == street).Select(p => p.Community).ToList();
        var count = _rng.Next(3, 7);
        foreach (var word in Shuffle(HarbinData.CommunityWords.ToList()))
        {
            if (names.Count >= count)
            {
                break;
            }

            names.Add(word + (urban ? "社区" : "村"));
        }

        return names;
    }

    private async Task SeedStationsAsync(CancellationToken ct)
    {
        var named = HarbinData.NamedStations.ToDictionary(s => (s.DistrictCode, s.Street));
        // Seven streets/townships stay without a station, so coverage shows what a gap looks like.
        var uncovered = Shuffle(_streets.Where(s => !named.ContainsKey((DistrictCodeOf(s), s.Name))).ToList()).Take(_streets.Count - 325).ToHashSet();
        var hostTypes = Enum.GetValues<HostType>();
        var opened = new DateOnly(2018, 7, 1);
        var cityCenter = Station.Create("SC230100", "哈尔滨市人大代表履职服务中心", StationKind.ServiceCenter, HostType.PartyServiceCenter, _city, "哈尔滨市松北区世纪大道1号", opened, false, _now);
        db.Stations.Add(cityCenter);
        foreach (var district in _districtsByCode.Values)
        {
            db.Stations.Add(Station.Create($"SC{district.Code}", $"{district.Name}人大代表履职服务中心", StationKind.ServiceCenter, HostType.PartyServiceCenter, district, $"{district.Name}人民政府大楼", opened.AddDays(_rng.Next(0, 300)), false, _now));
        }

        var index = 0;
        foreach (var street in _streets.Where(s => !uncovered.Contains(s)))
        {
            var district = _districtsByCode[DistrictCodeOf(street)];
            var host = named.TryGetValue((district.Code, street.Name), out var n)
                ? n.Host
                : index < hostTypes.Length ? hostTypes[index] : _rng.NextDouble() < 0.65 ? HostType.PartyServiceCenter : Pick(hostTypes);
            index++;
            var name = host switch
            {
                HostType.DevelopmentZone when street.Name == "宾西镇" => "宾县宾西开发区代表联络站",
                _ => $"{district.Name}{street.Name}代表联络站",
            };
            var station = Station.Create(
                $"ST{street.Code}", name, StationKind.Station, host, street, $"{district.Name}{street.Name}{_rng.Next(1, 300)}号",
                opened.AddDays(_rng.Next(0, 1150)), _rng.NextDouble() < 0.1 || street.Name == "荣市街道", _now);
            station.SetContactPhone($"0451-{_rng.Next(5000_0000, 8999_9999)}", _now);
            station.SetSchedule(
                street.Name == "南马路街道" || _rng.NextDouble() < 0.55 ? ReceptionSchedule.MonthlyOn(street.Name == "南马路街道" ? 15 : _rng.Next(1, 29))
                : _rng.NextDouble() < 0.7 ? ReceptionSchedule.MonthlyNth(_rng.Next(1, 5), (DayOfWeek)_rng.Next(1, 6))
                : ReceptionSchedule.WeeklyOn((DayOfWeek)_rng.Next(1, 6)),
                _now);
            foreach (var standard in Enum.GetValues<EightStandard>())
            {
                var met = _rng.NextDouble() < 0.9;
                station.RecordStandard(standard, met, met ? null : "待整改", _today.AddDays(-_rng.Next(10, 200)), _now);
            }

            _stations.Add(station);
            db.Stations.Add(station);
        }

        var namedPoints = HarbinData.NamedPoints.Select(p => p.Community).ToHashSet();
        var kinds = new[] { "代表联络点", "代表之家", "代表工作室" };
        foreach (var community in _communities.Where(c => namedPoints.Contains(c.Name) || _rng.NextDouble() < 0.33))
        {
            var street = _streets.First(s => s.Path == community.Path[..community.Path.LastIndexOf('.')]);
            var district = _districtsByCode[DistrictCodeOf(street)];
            var point = Station.Create(
                $"PT{community.Code}", $"{district.Name}{community.Name}{Pick(kinds)}", StationKind.Point,
                _rng.NextDouble() < 0.8 ? HostType.Community : Pick(hostTypes), community, $"{street.Name}{community.Name}服务中心",
                opened.AddDays(_rng.Next(200, 2200)), false, _now);
            if (_rng.NextDouble() < 0.4)
            {
                point.SetSchedule(ReceptionSchedule.MonthlyNth(_rng.Next(1, 5), (DayOfWeek)_rng.Next(1, 6)), _now);
            }

            if (_rng.NextDouble() < 0.01 && !namedPoints.Contains(community.Name))
            {
                point.Close(_today.AddDays(-_rng.Next(30, 300)), "所在社区合并，联络点撤并", _now);
            }

            _points.Add(point);
            db.Stations.Add(point);
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
    }

    private static string DistrictCodeOf(Area area) => Area.DistrictCodeOf(area.Path)!;

    private async Task SeedDepartmentsAsync(CancellationToken ct)
    {
        foreach (var (code, name) in HarbinData.CityDepartments)
        {
            _departments.Add(Department.Create($"D230100-{code}", name, _city.Id, RandomName(), RandomPhone()));
        }

        foreach (var district in _districtsByCode.Values)
        {
            foreach (var (name, i) in HarbinData.DistrictDepartmentNames.Select((n, i) => (n, i)))
            {
                _departments.Add(Department.Create($"D{district.Code}-{i + 1:00}", district.Name + name, district.Id, RandomName(), RandomPhone()));
            }
        }

        db.Departments.AddRange(_departments);
        _categories.AddRange(HarbinData.Categories.Select(name => RequestCategory.Create(name, HarbinData.CategoryEnglishNames.GetValueOrDefault(name))));
        db.RequestCategories.AddRange(_categories);
        await SaveAsync(ct);
    }

    private async Task SeedDeputiesAsync(CancellationToken ct)
    {
        var seq = 0;
        var stationsByDistrict = _stations.GroupBy(DistrictCodeOfStation).ToDictionary(g => g.Key, g => g.ToList());
        var pointsByDistrict = _points.Where(p => p.IsActive).GroupBy(DistrictCodeOfStation).ToDictionary(g => g.Key, g => g.ToList());
        var stationByStreetPath = _stations.ToDictionary(s => s.AreaPath);
        var stationed = new Dictionary<int, List<Deputy>>();

        // Stations and points whose deputy count the reports give, and small points, are filled only so far.
        var named = new Dictionary<Station, int>();
        foreach (var (districtCode, street, _, deputies) in HarbinData.NamedStations.Where(s => s.Deputies > 0))
        {
            named[_stations.Single(s => s.Name.EndsWith(street + "代表联络站", StringComparison.Ordinal) && DistrictCodeOfStation(s) == districtCode)] = deputies;
        }

        foreach (var (districtCode, _, community, deputies) in HarbinData.NamedPoints.Where(p => p.Deputies > 0))
        {
            named[_points.First(p => p.Name.Contains(community, StringComparison.Ordinal) && DistrictCodeOfStation(p) == districtCode)] = deputies;
        }

        var capacity = _points.ToDictionary(p => p.Id, _ => _rng.Next(2, 5));
        foreach (var (station, count) in named)
        {
            capacity[station.Id] = count;
        }

        Deputy NewDeputy(DeputyLevels levels, string term, Area constituency)
        {
            seq++;
            var d = Deputy.Create($"DP{seq:000000}", RandomName(), _rng.NextDouble() < 0.3 ? Gender.Female : Gender.Male, levels, term, constituency, Pick(HarbinData.Sectors), RandomPhone(), _now);
            _deputies.Add(d);
            return d;
        }

        void Place(Deputy d, IReadOnlyList<Station> candidates, double probability)
        {
            if (candidates.Count == 0 || _rng.NextDouble() >= probability)
            {
                return;
            }

            for (var attempt = 0; attempt < 8; attempt++)
            {
                var s = Pick(candidates);
                var list = stationed.TryGetValue(s.Id, out var l) ? l : stationed[s.Id] = [];
                if (capacity.TryGetValue(s.Id, out var cap) && list.Count >= cap)
                {
                    continue;
                }

                var from = Max(s.OpenedOn, new DateOnly(2022, 1, 1)).AddDays(_rng.Next(0, 120));
                d.AssignTo(s.Id, list.Count == 0 ? AssignmentRole.Chief : AssignmentRole.Member, from > _today ? _today : from, _now);
                list.Add(d);
                return;
            }
        }

        foreach (var (station, count) in named)
        {
            var district = _districtsByCode[DistrictCodeOfStation(station)];
            for (var i = 0; i < count; i++)
            {
                Place(NewDeputy(DeputyLevels.County, $"{district.Name[..^1]}十八届", district), [station], 1.0);
            }
        }

        var totalStreets = _streets.Count;
        foreach (var district in _districtsByCode.Values)
        {
            var districtStations = stationsByDistrict.GetValueOrDefault(district.Code) ?? [];
            var districtPoints = pointsByDistrict.GetValueOrDefault(district.Code) ?? [];
            var streets = _streets.Count(s => DistrictCodeOf(s) == district.Code);
            var cityCount = (int)Math.Round(560.0 * streets / totalStreets);
            var countyCount = (int)Math.Round(3640.0 * streets / totalStreets);
            for (var i = 0; i < cityCount; i++)
            {
                var levels = _rng.NextDouble() < 0.18 ? DeputyLevels.City | DeputyLevels.County : DeputyLevels.City;
                Place(NewDeputy(levels, "市十六届", district), districtStations, 0.97);
            }

            for (var i = 0; i < countyCount; i++)
            {
                var d = NewDeputy(DeputyLevels.County, $"{district.Name[..^1]}十八届", district);
                Place(d, districtPoints.Count > 0 && _rng.NextDouble() < 0.08 ? districtPoints : districtStations, 0.98);
            }
        }

        var towns = _streets.Where(s => !s.Name.EndsWith("街道", StringComparison.Ordinal)).ToList();
        var perTown = 11_400 / Math.Max(1, towns.Count);
        foreach (var town in towns)
        {
            IReadOnlyList<Station> townStation = stationByStreetPath.TryGetValue(town.Path, out var ts) ? [ts] : [];
            for (var i = 0; i < perTown; i++)
            {
                Place(NewDeputy(DeputyLevels.Township, $"{town.Name}二十一届", town), townStation, 0.99);
            }
        }

        for (var i = 0; i < 40; i++)
        {
            Place(NewDeputy(i < 10 ? DeputyLevels.National | DeputyLevels.Provincial : DeputyLevels.National, "十四届全国", _city), _stations, 0.72);
        }

        for (var i = 0; i < 150; i++)
        {
            Place(NewDeputy(_rng.NextDouble() < 0.3 ? DeputyLevels.Provincial | DeputyLevels.City : DeputyLevels.Provincial, "省十四届", _city), _stations, 0.72);
        }

        // A few mandates ended during the year, so histories and entry rates show it.
        foreach (var d in _deputies.Where(_ => _rng.NextDouble() < 0.015))
        {
            d.EndMandate(_today.AddDays(-_rng.Next(20, 200)), _now);
        }

        foreach (var chunk in _deputies.Chunk(4000))
        {
            db.Deputies.AddRange(chunk);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        foreach (var (stationId, list) in stationed)
        {
            _deputiesByStation[stationId] = list.Where(d => d.IsActive).Select(d => d.Id).ToList();
        }
    }

    private static string DistrictCodeOfStation(Station s) => Area.DistrictCodeOf(s.AreaPath)!;

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

    private async Task SeedSuggestionsAsync(CancellationToken ct)
    {
        var cityDeputies = _deputies.Where(d => d.IsActive && d.HoldsLevel(DeputyLevels.City)).Select(d => d.Id).ToList();
        var cityDepartments = _departments.Where(d => d.AreaId == _city.Id).ToList();
        var staff = new Actor(null, "市人大常委会代表工作室");
        var plan = new (SuggestionStatus Target, int Count)[]
        {
            (SuggestionStatus.Draft, 12), (SuggestionStatus.Submitted, 20), (SuggestionStatus.Accepted, 10),
            (SuggestionStatus.ReclassifiedAsOpinion, 12), (SuggestionStatus.Assigned, 120), (SuggestionStatus.Replied, 70),
            (SuggestionStatus.Evaluated, 40), (SuggestionStatus.Rehandling, 12), (SuggestionStatus.Closed, 268),
        };
        var suggestionSeq = new Dictionary<int, int>();
        var all = new List<Suggestion>();
        foreach (var (target, count) in plan)
        {
            for (var i = 0; i < count; i++)
            {
                var stage = (int)target;
                // Later targets were submitted earlier, so their whole history lies in the past.
                var daysAgo = target switch
                {
                    SuggestionStatus.Draft => _rng.Next(0, 20),
                    SuggestionStatus.Submitted or SuggestionStatus.ReclassifiedAsOpinion => _rng.Next(3, 25),
                    SuggestionStatus.Accepted => _rng.Next(10, 25),
                    SuggestionStatus.Assigned => _rng.Next(30, 70),
                    _ => _rng.Next(150, 330),
                };
                var start = _now.AddDays(-daysAgo);
                var lead = Pick(cityDeputies);
                var leadActor = new Actor(null, "代表");
                var occasion = _rng.NextDouble() < 0.7 ? SuggestionOccasion.Session : SuggestionOccasion.BetweenSessions;
                var s = Suggestion.Draft(lead, Pick(HarbinData.SuggestionTitles), "近年来群众反映集中。建议：一是摸清底数；二是加大投入；三是建立长效机制。", Pick(HarbinData.Categories), occasion, occasion == SuggestionOccasion.Session ? "市十六届人大五次会议" : null, leadActor, start);
                foreach (var co in Sample(cityDeputies.Where(id => id != lead).ToList(), _rng.Next(0, 4)))
                {
                    s.AddCoSigner(co, leadActor, start);
                    if (stage > 1 || _rng.NextDouble() < 0.5)
                    {
                        s.ConfirmCoSignature(co, new Actor(null, "联名代表"), start.AddHours(5));
                    }
                }

                all.Add(s);
                if (stage == 1)
                {
                    continue;
                }

                var t = start.AddDays(1);
                var year = ChinaTime.DateOf(t).Year;
                var n = suggestionSeq[year] = suggestionSeq.GetValueOrDefault(year) + 1;
                s.Submit(RecordNumbers.Suggestion(year, n), leadActor, t);
                if (target == SuggestionStatus.Submitted)
                {
                    continue;
                }

                t = t.AddDays(2);
                if (target == SuggestionStatus.ReclassifiedAsOpinion)
                {
                    s.ReclassifyAsOpinion("内容属于一般性意见，转作意见处理。", staff, t);
                    continue;
                }

                s.Accept(staff, t);
                if (target == SuggestionStatus.Accepted)
                {
                    continue;
                }

                t = t.AddDays(5);
                var lead2 = Pick(cityDepartments);
                var coUnits = Sample(cityDepartments.Where(d => d.Id != lead2.Id).Select(d => d.Id).ToList(), _rng.Next(0, 3));
                s.Assign(lead2.Id, coUnits, Suggestion.DefaultDueOn(ChinaTime.DateOf(t)), staff, t);
                if (_rng.NextDouble() < 0.06)
                {
                    s.SetKeySupervision(true, "常委会副主任" + RandomName(), staff, t);
                }

                if (_rng.NextDouble() < 0.04)
                {
                    s.SetThirdPartyEvaluation(true, staff, t);
                }

                if (target == SuggestionStatus.Assigned)
                {
                    continue;
                }

                t = t.AddDays(_rng.Next(30, 80));
                var departmentActor = new Actor(null, lead2.Name);
                foreach (var co in coUnits)
                {
                    s.RecordReply(co, null, "协办意见：积极配合主办单位办理。", new Actor(null, "协办单位"), t.AddDays(-3));
                }

                var x = _rng.NextDouble();
                var category = x < 0.55 ? ReplyCategory.A : x < 0.9 ? ReplyCategory.B : ReplyCategory.C;
                s.RecordReply(lead2.Id, category, "关于您提出的建议，我单位高度重视，已研究落实。", departmentActor, t);
                if (target == SuggestionStatus.Replied)
                {
                    continue;
                }

                t = t.AddDays(_rng.Next(3, 15));
                var unsatisfied = target == SuggestionStatus.Rehandling || _rng.NextDouble() < 0.04;
                var evaluation = unsatisfied ? Domain.Common.Evaluation.Unsatisfied : _rng.NextDouble() < 0.85 ? Domain.Common.Evaluation.Satisfied : Domain.Common.Evaluation.BasicallySatisfied;
                s.Evaluate(evaluation, unsatisfied ? "答复未提出具体措施。" : null, leadActor, t);
                if (target == SuggestionStatus.Evaluated)
                {
                    continue;
                }

                if (unsatisfied)
                {
                    t = t.AddDays(2);
                    s.Rehandle(ChinaTime.DateOf(t).AddMonths(1), "请重新办理。", staff, t);
                    if (target == SuggestionStatus.Rehandling)
                    {
                        continue;
                    }

                    t = t.AddDays(20);
                    s.RecordReply(lead2.Id, ReplyCategory.B, "已重新研究，列入明年计划。", departmentActor, t);
                    t = t.AddDays(5);
                    s.Evaluate(Domain.Common.Evaluation.BasicallySatisfied, null, leadActor, t);
                }

                t = t.AddDays(3);
                s.Close(staff, t);
            }
        }

        db.Suggestions.AddRange(all);
        await SaveAsync(ct);

        // Some open requests grew into suggestions: a draft by an assigned deputy, linked both ways.
        var candidates = await db.CitizenRequests
            .Where(r => r.Status == RequestStatus.Assigned || r.Status == RequestStatus.Replied)
            .OrderBy(r => r.Id)
            .Take(15)
            .ToListAsync(ct);
        foreach (var request in candidates)
        {
            var deputyId = request.Deputies[0].DeputyId;
            var draft = Suggestion.Draft(deputyId, "关于" + request.Summary[..Math.Min(12, request.Summary.Length)] + "问题的建议", request.Summary, null, SuggestionOccasion.BetweenSessions, null, new Actor(null, "代表"), _now.AddHours(-3));
            draft.LinkRequest(request.Id, new Actor(null, "代表"), _now.AddHours(-3));
            db.Suggestions.Add(draft);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            request.ConvertToSuggestion(draft.Id, new Actor(null, "代表"), _now.AddHours(-3));
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
        }

        db.ChangeTracker.Clear();
        foreach (var (year, value) in suggestionSeq)
        {
            _counters[RecordNumbers.SuggestionScope(year)] = value;
        }
    }

    private async Task SeedHonoursAsync(CancellationToken ct)
    {
        var lastYear = _today.Year - 1;
        var stars = Enumerable.Repeat(3, 4).Concat(Enumerable.Repeat(2, 5)).Concat(Enumerable.Repeat(1, 4)).ToList();
        var rated = Sample(_stations.Select(s => s.Id).ToList(), stars.Count + 8);
        for (var i = 0; i < rated.Count; i++)
        {
            if (i < stars.Count)
            {
                var rating = StationStarRating.Nominate(rated[i], lastYear, stars[i], "活动开展扎实，群众评价高。", ChinaTime.StartOf(new DateOnly(lastYear, 10, 1)));
                rating.PassInitialReview();
                rating.RecordPublicVotes(_rng.Next(800, 5000));
                rating.DecideByPanel(stars[i], "评审通过");
                rating.Approve(ChinaTime.StartOf(new DateOnly(lastYear, 12, 20)));
                db.StationStarRatings.Add(rating);
            }
            else
            {
                var rating = StationStarRating.Nominate(rated[i], _today.Year, _rng.Next(1, 4), "区人大常委会推荐。", _now.AddDays(-_rng.Next(5, 40)));
                if (i % 2 == 0)
                {
                    rating.PassInitialReview();
                }

                db.StationStarRatings.Add(rating);
            }
        }

        var honoured = Sample(_deputies.Where(d => d.IsActive && d.Assignments.Count > 0).Select(d => d.Id).ToList(), 14);
        for (var i = 0; i < honoured.Count; i++)
        {
            if (i < 9)
            {
                var star = StarDeputy.Nominate(honoured[i], lastYear, "履职积极，联系群众紧密。", ChinaTime.StartOf(new DateOnly(lastYear, 10, 1)));
                star.PassInitialReview();
                star.RecordPublicVotes(_rng.Next(500, 4000));
                star.DecideByPanel("评审通过");
                star.Approve(ChinaTime.StartOf(new DateOnly(lastYear, 12, 20)));
                db.StarDeputies.Add(star);
            }
            else
            {
                db.StarDeputies.Add(StarDeputy.Nominate(honoured[i], _today.Year, "区人大常委会推荐。", _now.AddDays(-_rng.Next(5, 40))));
            }
        }

        await SaveAsync(ct);
    }

    private async Task SeedConsultationsAsync(CancellationToken ct)
    {
        var drafts = new[] { "哈尔滨市物业管理条例（修订草案）", "哈尔滨市供热条例（修订草案）", "哈尔滨市松花江湿地保护条例（草案）", "哈尔滨市养老服务条例（草案）" };
        var points = _stations.Where(s => s.IsLegislativeContactPoint).Take(8).ToList();
        for (var i = 0; i < points.Count; i++)
        {
            var opens = _today.AddDays(i < 3 ? -10 : -90);
            var c = LegislativeConsultation.Open(points[i], drafts[i % drafts.Length], "向基层群众征求意见。", opens, opens.AddDays(30));
            for (var k = 0; k < _rng.Next(3, 11); k++)
            {
                c.AddOpinion("建议明确相关主体责任，细化处罚标准。", RandomName(), opens.AddDays(_rng.Next(0, 10)), new Actor(null, "联络员"));
            }

            if (i >= 3)
            {
                c.Close();
            }

            if (i >= 6)
            {
                c.SubmitSummary("共收集意见若干条，主要集中在责任划分和处罚标准两方面。", _now.AddDays(-30));
            }

            db.LegislativeConsultations.Add(c);
        }

        await SaveAsync(ct);
    }

    private async Task SeedCountersAsync(CancellationToken ct)
    {
        foreach (var (scope, value) in _counters)
        {
            db.DocumentCounters.Add(new DocumentCounter { Scope = scope, Value = value });
        }

        await SaveAsync(ct);
    }

    /// <summary>The demo accounts of the README, one per role, bound to real records of the demo data.</summary>
    private async Task SeedAccountsAsync(CancellationToken ct)
    {
        var rongshi = _stations.Single(s => s.Name == "南岗区荣市街道代表联络站");
        var nanmalu = _stations.Single(s => s.Name == "道外区南马路街道代表联络站");
        var deputyId = _demoDeputyId;
        var deputyName = await db.Deputies.Where(d => d.Id == deputyId).Select(d => d.Name).SingleAsync(ct);
        var heating = _departments.Single(d => d.Code == "D230100-GRB");
        var nangang = _districtsByCode["230103"];

        void Account(string name, string displayName, string role, Action<AppUser>? bind = null, int? stationId = null) =>
            AccountProvisioning.AddDirect(db, name, displayName, role, DemoPassword, _now, bind, stationId);

        Account("admin", "系统管理员", AppRoles.Administrator);
        Account("city", "市人大常委会代表工作室 张明", AppRoles.CityStaff);
        Account("district", "南岗区人大常委会 李华", AppRoles.DistrictStaff, u => u.DistrictAreaId = nangang.Id);
        Account("clerk", "荣市街道联络员 王芳", AppRoles.StationClerk, stationId: rongshi.Id);
        Account("clerk2", "南马路街道联络员 赵敏", AppRoles.StationClerk, stationId: nanmalu.Id);
        Account("deputy", deputyName, AppRoles.Deputy, u => u.DeputyId = deputyId);
        Account("department", "市供热办公室 刘强", AppRoles.DepartmentLiaison, u => u.DepartmentId = heating.Id);
        await SaveAsync(ct);
    }

    private static DateTimeOffset At(DateOnly date, int hour) => ChinaTime.StartOf(date).AddHours(hour);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    private List<T> Sample<T>(List<T> items, int count)
    {
        if (items.Count == 0)
        {
            return [];
        }

        return Shuffle(items.ToList()).Take(Math.Min(count, items.Count)).ToList();
    }

    private List<T> Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _rng.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }

    private string RandomName()
    {
        var given = _rng.NextDouble() < 0.7 ? Pick(HarbinData.GivenChars) + Pick(HarbinData.GivenChars) : Pick(HarbinData.GivenChars);
        return Pick(HarbinData.Surnames) + given;
    }

    private string RandomPhone() => $"1{Pick(MobilePrefixes)}{_rng.Next(0, 10000_0000):00000000}";
}
