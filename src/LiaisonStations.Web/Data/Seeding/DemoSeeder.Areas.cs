using LiaisonStations.Domain.Areas;

namespace LiaisonStations.Web.Data.Seeding;

/// <summary>Demo data: Harbin's districts (real) with generated streets and communities.</summary>
public sealed partial class DemoSeeder
{
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
}
