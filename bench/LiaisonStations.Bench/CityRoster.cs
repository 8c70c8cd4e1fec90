using System.Globalization;
using System.Text;

namespace LiaisonStations.Bench;

/// <summary>
/// A city's roster in the DESIGN §7 format, at the size of Harbin: 18 districts, 350 streets and townships,
/// 325 stations, 16,000 deputies, each stationed once (one chief per station).
/// </summary>
internal static class CityRoster
{
    public static Dictionary<string, int> Write(string folder)
    {
        var random = new Random(20210801);
        var areas = new StringBuilder("code,name,level,parent_code\n230000,黑龙江省,Province,\n230100,哈尔滨市,City,230000\n");
        var streets = new List<string>();
        for (var d = 1; d <= 18; d++)
        {
            var district = $"2301{d:00}";
            areas.Append(CultureInfo.InvariantCulture, $"{district},第{d}区,District,230100\n");
            var count = d <= 8 ? 20 : 19;
            for (var s = 1; s <= count && streets.Count < 350; s++)
            {
                var street = $"{district}{s:000}";
                streets.Add(street);
                areas.Append(CultureInfo.InvariantCulture, $"{street},第{d}区第{s}街道,Street,{district}\n");
            }
        }

        var stations = new StringBuilder("code,name,kind,area_code,host_type,address,opened_on,legislative_contact_point\n");
        var stationCodes = new List<string>();
        for (var i = 0; i < 325; i++)
        {
            var code = $"ST-{i + 1:0000}";
            stationCodes.Add(code);
            stations.Append(CultureInfo.InvariantCulture, $"{code},{streets[i]}代表联络站,Station,{streets[i]},Community,街道办事处{i + 1}号,2019-0{1 + (i % 9)}-15,{(i % 10 == 0 ? "true" : "false")}\n");
        }

        var deputies = new StringBuilder("code,name,gender,levels,term,constituency_area_code,sector,phone\n");
        var assignments = new StringBuilder("deputy_code,station_code,role,from,to\n");
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"];
        string[] given = ["建国", "秀英", "志强", "丽华", "海峰", "晓光", "桂兰", "玉梅", "国庆", "红梅", "立新", "淑珍"];
        string[] levels = ["Township", "County", "County;Township", "City", "City;County"];
        string[] sectors = ["农业", "工业", "教育", "医疗", "社区", "企业", "法律", "文化"];
        for (var i = 0; i < 16_000; i++)
        {
            var code = $"DP-{i + 1:000000}";
            var station = i % 325;
            deputies.Append(CultureInfo.InvariantCulture, $"{code},{surnames[random.Next(surnames.Length)]}{given[random.Next(given.Length)]},{(random.Next(2) == 0 ? "M" : "F")},{levels[random.Next(levels.Length)]},第十六届,{streets[station]},{sectors[random.Next(sectors.Length)]},139{random.Next(10_000_000, 99_999_999)}\n");
            assignments.Append(CultureInfo.InvariantCulture, $"{code},{stationCodes[station]},{(i < 325 ? "Chief" : "Member")},2022-01-0{1 + (i % 9)},\n");
        }

        File.WriteAllText(Path.Combine(folder, "areas.csv"), areas.ToString(), new UTF8Encoding(true));
        File.WriteAllText(Path.Combine(folder, "stations.csv"), stations.ToString(), new UTF8Encoding(true));
        File.WriteAllText(Path.Combine(folder, "deputies.csv"), deputies.ToString(), new UTF8Encoding(true));
        File.WriteAllText(Path.Combine(folder, "assignments.csv"), assignments.ToString(), new UTF8Encoding(true));
        return new Dictionary<string, int> { ["areas"] = 2 + 18 + streets.Count, ["stations"] = 325, ["deputies"] = 16_000, ["assignments"] = 16_000 };
    }
}
