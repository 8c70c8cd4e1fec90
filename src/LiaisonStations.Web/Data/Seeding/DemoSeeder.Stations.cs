using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Departments;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;

namespace LiaisonStations.Web.Data.Seeding;

/// <summary>Demo data: Stations, village points and the departments requests are referred to.</summary>
public sealed partial class DemoSeeder
{
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
}
