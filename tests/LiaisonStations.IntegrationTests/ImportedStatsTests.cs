using System.Net;
using System.Text;
using System.Text.Json;
using LiaisonStations.Domain.Common;
using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Import;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// A Harbin file set in the DESIGN §7 format imported into an empty database, then /api/stats for Harbin and
/// its districts: every figure is what the files imply, counted by hand in the comments.
/// </summary>
public sealed class ImportedStatsTests(ImportedStatsTests.Fixture fixture) : IClassFixture<ImportedStatsTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public AppFactory Factory { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var connectionString = await TestPostgres.CreateDatabaseAsync(nameof(ImportedStatsTests));
            await using (var db = TestData.Context(connectionString))
            {
                AccountProvisioning.AddDirect(db, "city", "市人大工作人员", AppRoles.CityStaff, TestData.Password, FixedClock.Default);
                await db.SaveChangesAsync();
            }

            Factory = new AppFactory(TestPostgres.AsRuntime(connectionString));
            await using var scope = Factory.Services.CreateAsyncScope();
            var tables = Files.Select(f => Table.Read(f.Key, new MemoryStream(Encoding.UTF8.GetBytes(f.Value.ReplaceLineEndings("\n"))))).ToList();
            var report = await scope.ServiceProvider.GetRequiredService<RosterImport>().RunAsync(tables, ImportScope.Everything, dryRun: false, new Actor(null, "import"), CancellationToken.None);
            Assert.True(report.Written, string.Join("; ", report.Problems.Select(p => p.ToString())));
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    private static readonly Dictionary<string, string> Files = new()
    {
        ["areas.csv"] = """
            code,name,level,parent_code
            230000,黑龙江省,Province,
            230100,哈尔滨市,City,230000
            230103,南岗区,District,230100
            230104,道外区,District,230100
            230103001,荣市街道,Street,230103
            230103002,和兴路街道,Street,230103
            230104001,南马路街道,Street,230104
            230104002,靖宇街道,Street,230104
            230103001001,水滩社区,Community,230103001
            """,
        ["stations.csv"] = """
            code,name,kind,area_code,host_type,address,opened_on,legislative_contact_point
            ST-RS,南岗区荣市街道代表联络站,Station,230103001,PartyServiceCenter,荣市街1号,2019-03-01,true
            ST-NML,道外区南马路街道代表联络站,Station,230104001,Community,南马路2号,2020-01-01,false
            ST-JY,道外区靖宇街道代表联络站,Station,230104002,Enterprise,靖宇街3号,2021-05-01,false
            PT-ST,水滩社区代表联络点,Point,230103001001,Community,水滩社区,2022-01-01,false
            """,
        ["deputies.csv"] = """
            code,name,gender,levels,term,constituency_area_code,sector,phone
            DP-1,张建国,M,City;County,第十六届,230103001,企业,
            DP-2,李秀英,F,County,第十六届,230103,教育,
            DP-3,王志强,M,Township,第十六届,230104001,农业,
            DP-4,赵丽华,F,Township,第十六届,230104002,社区,
            DP-5,钱海峰,M,Provincial,第十四届,230100,法律,
            DP-6,孙晓光,F,City,第十六届,230104,医疗,
            """,
        ["assignments.csv"] = """
            deputy_code,station_code,role,from,to
            DP-1,ST-RS,Chief,2022-01-01,
            DP-2,ST-RS,Member,2022-01-01,
            DP-3,ST-NML,Chief,2022-01-01,
            DP-4,ST-JY,Member,2022-01-01,2024-12-31
            DP-6,ST-NML,Member,2023-01-01,
            """,
        ["reception_days.csv"] = """
            code,station_code,date,type,theme,deputy_codes,citizens_received
            RD-1,ST-RS,2026-03-15,Reception,,DP-1;DP-2,12
            RD-2,ST-RS,2026-06-15,ThemedReception,供暖,DP-1,8
            RD-3,ST-NML,2026-04-10,Reception,,DP-3;DP-6,20
            RD-4,ST-NML,2026-05-20,DutyReport,,DP-3,40
            RD-5,ST-JY,2026-07-01,Inspection,,DP-4,5
            RD-6,ST-RS,2025-12-15,Reception,,DP-1,9
            """,
        ["requests.csv"] = """
            code,station_code,reception_day_code,registered_on,channel,category,summary,status,resolved_on,evaluation
            RQ-1,ST-RS,RD-1,2026-03-15,Reception,物业管理,电梯经常停运,Closed,2026-04-02,Satisfied
            RQ-2,ST-RS,RD-1,2026-03-15,Reception,供暖供水,暖气不热,Closed,2026-03-25,Unsatisfied
            RQ-3,ST-NML,RD-3,2026-04-10,Reception,道路交通,路灯不亮,Resolved,2026-05-01,
            RQ-4,ST-NML,,2026-05-05,Phone,道路交通,井盖缺失,Explained,,
            RQ-5,ST-JY,,2026-06-01,WeChat,环境保护,噪音扰民,Referred,,
            RQ-6,ST-RS,,2025-11-20,WalkIn,供暖供水,暖气管道漏水,Closed,2026-01-10,BasicallySatisfied
            RQ-7,PT-ST,,2026-02-01,HomeVisit,养老服务,老年食堂缺少,Withdrawn,,
            """,
    };

    private static decimal? Rate(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDecimal();

    [Fact]
    public async Task Harbin_and_its_districts_have_the_totals_the_files_imply()
    {
        using var client = (await fixture.Factory.SignedInAsync("city")).Client;
        using var response = await client.GetAsync("/api/stats?area=230100&from=2026-01-01&to=2026-12-31");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var harbin = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("哈尔滨市", harbin.GetProperty("name").GetString());
        Assert.Equal(3, harbin.GetProperty("stations").GetInt32());               // ST-RS, ST-NML, ST-JY
        Assert.Equal(1, harbin.GetProperty("points").GetInt32());                 // PT-ST
        Assert.Equal(0.75m, Rate(harbin, "coverage"));                            // 荣市, 南马路, 靖宇 of four streets
        var entry = harbin.GetProperty("entryRate");
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("National").ValueKind); // no national deputy
        Assert.Equal(0m, entry.GetProperty("Provincial").GetDecimal());          // DP-5 has no assignment
        Assert.Equal(1m, entry.GetProperty("City").GetDecimal());                // DP-1, DP-6
        Assert.Equal(1m, entry.GetProperty("County").GetDecimal());              // DP-1, DP-2
        Assert.Equal(0.5m, entry.GetProperty("Township").GetDecimal());          // DP-3 yes; DP-4's assignment ended
        Assert.Equal(3, harbin.GetProperty("receptionDays").GetInt32());          // RD-1, RD-2, RD-3 (RD-4 duty, RD-5 inspection, RD-6 in 2025)
        Assert.Equal(5, harbin.GetProperty("deputyParticipations").GetInt32());   // 2 + 1 + 2
        Assert.Equal(40, harbin.GetProperty("citizensReceived").GetInt32());      // 12 + 8 + 20
        Assert.Equal(6, harbin.GetProperty("requestsCollected").GetInt32());      // all but RQ-6 (2025)
        Assert.Equal(4, harbin.GetProperty("resolved").GetInt32());               // RQ-1, RQ-2, RQ-3, RQ-6 (resolved 2026-01-10)
        Assert.Equal(0.6667m, Rate(harbin, "resolutionRate"));                    // 4 of RQ-1, 2, 3, 4, 6, 7 (left the open states)
        Assert.Equal(26.33m, Rate(harbin, "averageDaysToClose"));                 // (18 + 10 + 51) / 3
        Assert.Equal(0, harbin.GetProperty("overdue").GetInt32());                // imported requests carry no due date
        Assert.Equal(0.6667m, Rate(harbin, "satisfaction"));                      // RQ-1 satisfied, RQ-6 basically, RQ-2 not
        Assert.Equal(1, harbin.GetProperty("dutyReports").GetInt32());            // RD-4
        Assert.Equal(1, harbin.GetProperty("reportingDeputies").GetInt32());      // DP-3
        Assert.Equal(40, harbin.GetProperty("dutyReportAttendees").GetInt32());
        Assert.Null(Rate(harbin, "dutyReportSatisfaction"));                      // no votes in the files
        Assert.Null(Rate(harbin, "suggestionImplementationRate"));                // no suggestions in the files
        Assert.Equal(0m, Rate(harbin, "eightStandardsCompliance"));               // none checked yet: 0 of 3 × 8

        var districts = harbin.GetProperty("districts").EnumerateArray().ToDictionary(d => d.GetProperty("areaCode").GetString()!);
        Assert.Equal(["230103", "230104"], districts.Keys.Order().ToArray());
        var nangang = districts["230103"];
        Assert.Equal((1, 1, 0.5m), (nangang.GetProperty("stations").GetInt32(), nangang.GetProperty("points").GetInt32(), Rate(nangang, "coverage")!.Value));
        Assert.Equal((2, 3, 20), (nangang.GetProperty("receptionDays").GetInt32(), nangang.GetProperty("deputyParticipations").GetInt32(), nangang.GetProperty("citizensReceived").GetInt32()));
        Assert.Equal((3, 3), (nangang.GetProperty("requestsCollected").GetInt32(), nangang.GetProperty("resolved").GetInt32())); // RQ-1, 2, 7; RQ-1, 2, 6
        var daowai = districts["230104"];
        Assert.Equal((2, 0, 1m), (daowai.GetProperty("stations").GetInt32(), daowai.GetProperty("points").GetInt32(), Rate(daowai, "coverage")!.Value));
        Assert.Equal((1, 2, 20), (daowai.GetProperty("receptionDays").GetInt32(), daowai.GetProperty("deputyParticipations").GetInt32(), daowai.GetProperty("citizensReceived").GetInt32()));
        Assert.Equal((3, 1, 1), (daowai.GetProperty("requestsCollected").GetInt32(), daowai.GetProperty("resolved").GetInt32(), daowai.GetProperty("dutyReports").GetInt32()));
        Assert.Equal(0.5m, daowai.GetProperty("entryRate").GetProperty("Township").GetDecimal()); // DP-3 of DP-3, DP-4
    }

    /// <summary>
    /// The network as it stood at each period's end (issue 12): ST-RS opened 2019-03, ST-NML 2020-01, ST-JY 2021-05,
    /// the point 2022-01; every assignment starts in 2022 or later, DP-4's ends 2024-12-31, DP-6's starts 2023.
    /// </summary>
    [Theory]
    [InlineData("2019-01-01", "2019-12-31", 1, 0, 0.25, 0, 0, 1)]
    [InlineData("2020-01-01", "2020-12-31", 2, 0, 0.5, 0, 1, 1)]
    [InlineData("2022-01-01", "2022-06-30", 3, 1, 0.75, 4, 2, 1)]
    [InlineData("2026-01-01", "2026-10-31", 3, 1, 0.75, 4, 2, 1)]
    public async Task Stations_coverage_and_entry_are_counted_as_of_the_periods_last_day(string from, string to, int stations, int points, double coverage, int stationedDeputies, int daowaiStations, int nangangStations)
    {
        using var client = (await fixture.Factory.SignedInAsync("city")).Client;
        var harbin = JsonDocument.Parse(await client.GetStringAsync($"/api/stats?area=230100&from={from}&to={to}")).RootElement;

        Assert.Equal(to, harbin.GetProperty("asOf").GetString());
        Assert.Equal(stations, harbin.GetProperty("stations").GetInt32());
        Assert.Equal(points, harbin.GetProperty("points").GetInt32());
        Assert.Equal((decimal)coverage, Rate(harbin, "coverage"));
        Assert.Equal(6, harbin.GetProperty("deputies").GetInt32());               // nobody's mandate ended
        Assert.Equal(stationedDeputies, harbin.GetProperty("stationedDeputies").GetInt32());
        var districts = harbin.GetProperty("districts").EnumerateArray().ToDictionary(d => d.GetProperty("areaCode").GetString()!);
        Assert.Equal(daowaiStations, districts["230104"].GetProperty("stations").GetInt32());
        Assert.Equal(nangangStations, districts["230103"].GetProperty("stations").GetInt32());
        // Each deputy once: the districts' deputies and the city's own (DP-5, elected by the city as a whole) make the total.
        Assert.Equal(5, districts.Values.Sum(d => d.GetProperty("deputies").GetInt32()));
    }

    [Fact]
    public async Task A_period_that_has_not_ended_counts_the_network_as_of_today()
    {
        using var client = (await fixture.Factory.SignedInAsync("city")).Client;
        var harbin = JsonDocument.Parse(await client.GetStringAsync("/api/stats?area=230100&from=2026-01-01&to=2030-12-31")).RootElement;
        Assert.Equal(ChinaTime.DateOf(FixedClock.Default).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), harbin.GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task The_dashboard_shows_the_networks_growth_month_by_month_and_links_the_counts_as_of_the_period_end()
    {
        using var client = (await fixture.Factory.SignedInAsync("city")).Client;
        var html = await client.GetStringAsync("/Dashboard?area=230100&period=Year&year=2022");
        var rows = System.Text.RegularExpressions.Regex.Matches(html, @"<tr data-month=""(?<m>[0-9-]+)""><th scope=""row"">[0-9-]+</th><td class=""text-end"">(?<s>\d+)</td><td class=""text-end"">(?<p>\d+)</td></tr>")
            .ToDictionary(m => m.Groups["m"].Value, m => (int.Parse(m.Groups["s"].Value), int.Parse(m.Groups["p"].Value)));
        Assert.Equal("2019-03", rows.Keys.First());                                // the first station opened
        Assert.Equal("2022-12", rows.Keys.Last());                                 // up to the period's end
        Assert.Equal(46, rows.Count);
        Assert.Equal((1, 0), rows["2019-12"]);
        Assert.Equal((2, 0), rows["2020-01"]);
        Assert.Equal((3, 0), rows["2021-05"]);
        Assert.Equal((3, 1), rows["2022-12"]);

        // The station count links to the list of stations active on 2022-12-31, and that list has as many.
        var link = System.Text.RegularExpressions.Regex.Match(html, @"href=""(?<u>/Stations\?[^""]*kind=Station[^""]*)""").Groups["u"].Value.Replace("&amp;", "&");
        Assert.Contains("activeOn=2022-12-31", link);
        Assert.Contains("ST-JY", await client.GetStringAsync(link));
        var early = await client.GetStringAsync("/Stations?area=230100&kind=Station&activeOn=2019-12-31");
        Assert.Contains("ST-RS", early);
        Assert.DoesNotContain("ST-NML", early);

        // The entry table's total counts each deputy once (DP-1 is a city and a county deputy).
        Assert.Matches(@"data-level=""all"">\s*<th scope=""row"">[^<]+</th>\s*<td class=""text-end""><a[^>]*>6</a>", html);
        var deputies = await client.GetStringAsync("/Deputies?area=230100&on=2022-12-31&stationed=true");
        foreach (var code in new[] { "DP-1", "DP-2", "DP-3", "DP-4" })
        {
            Assert.Contains(code, deputies);
        }

        Assert.DoesNotContain("DP-6", deputies);
    }
}
