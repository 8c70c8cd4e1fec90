using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Stations;

namespace LiaisonStations.Web.Data.Seeding;

/// <summary>Demo data: Deputies of every level and their assignments to stations.</summary>
public sealed partial class DemoSeeder
{
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
}
