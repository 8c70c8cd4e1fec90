using System.Net;
using System.Text;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Import;
using LiaisonStations.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// District staff import only their own district's records, checked from both sides for each of the five
/// kinds: a row naming another district's stored record (as it is now) and a row moving one of their own
/// records into another district (as it would become). Each such row is a line error and nothing is written.
/// </summary>
public sealed class ImportScopeTests(ImportScopeTests.Fixture fixture) : IClassFixture<ImportScopeTests.Fixture>
{
    private static readonly ImportScope Nangang = new("230000.230100.230103");

    /// <summary>Coded records of both districts: a reception day and a request each.</summary>
    public sealed class Fixture : AppFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = Db();
            var now = FixedClock.Default;
            db.ReceptionDays.Add(ReceptionDay.RecordPast("RD-NML-001", Data.NanmaluStationId, new DateOnly(2026, 3, 15), ReceptionDayType.Reception, null, [Data.NanmaluDeputyIds[0]], 12, now));
            db.ReceptionDays.Add(ReceptionDay.RecordPast("RD-RS-001", Data.RongshiStationId, new DateOnly(2026, 3, 15), ReceptionDayType.Reception, null, [Data.RongshiDeputyIds[0]], 9, now));
            await db.SaveChangesAsync();
            foreach (var (number, station) in new[] { ("2026-DW-000001", Data.NanmaluStationId), ("2026-NG-000777", Data.RongshiStationId) })
            {
                db.CitizenRequests.Add(CitizenRequest.Import(number, "SCOPE" + number[^6..] + "00000", new RecordedRequest(station, null, new DateOnly(2026, 4, 1), RequestChannel.Phone, Data.HeatingCategoryId, "暖气不热", RequestStatus.Registered, null, null), Actor.System, now));
            }

            await db.SaveChangesAsync();
        }
    }

    private async Task<ImportReport> ImportAsync(IReadOnlyDictionary<string, string> files, ImportScope scope, bool dryRun = false)
    {
        await using var services = fixture.Factory.Services.CreateAsyncScope();
        var import = services.ServiceProvider.GetRequiredService<RosterImport>();
        var tables = files.Select(f => Table.Read(f.Key, new MemoryStream(Encoding.UTF8.GetBytes(f.Value.ReplaceLineEndings("\n"))))).ToList();
        return await import.RunAsync(tables, scope, dryRun, new Actor(null, "scope-test"), CancellationToken.None);
    }

    private async Task<string> SnapshotAsync()
    {
        await using var db = fixture.Db();
        return await db.Database.SqlQueryRaw<string>("""
            SELECT concat_ws('|',
              (SELECT md5(string_agg(t::text || t.xmin::text, ',' ORDER BY t.id)) FROM stations t),
              (SELECT md5(string_agg(t::text || t.xmin::text, ',' ORDER BY t.id)) FROM deputies t),
              (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM station_assignments t),
              (SELECT md5(string_agg(t::text || t.xmin::text, ',' ORDER BY t.id)) FROM reception_days t),
              (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM reception_day_deputies t),
              (SELECT md5(string_agg(t::text || t.xmin::text, ',' ORDER BY t.id)) FROM citizen_requests t)) AS "Value"
            """).SingleAsync();
    }

    private static readonly Dictionary<string, string> Hostile = new()
    {
        ["stations.csv"] = """
            code,name,kind,area_code,host_type,address,opened_on,legislative_contact_point
            ST-NML,被改名的道外站,Station,230103002,Community,,2019-03-01,false
            ST-RS,南岗区荣市街道代表联络站,Station,230104001,PartyServiceCenter,荣市街1号,2019-03-01,true
            """,
        ["deputies.csv"] = """
            code,name,gender,levels,term,constituency_area_code,sector,phone
            DP-101,赵丽华,F,City,市十六届,230103,企业,
            DP-002,李秀英,F,County,市十六届,230104,企业,
            """,
        ["assignments.csv"] = """
            deputy_code,station_code,role,from,to
            DP-101,ST-RS,Member,2024-01-01,
            DP-002,ST-NML,Member,2024-01-01,
            """,
        ["reception_days.csv"] = """
            code,station_code,date,type,theme,deputy_codes,citizens_received
            RD-NML-001,ST-RS,2026-03-15,Reception,,DP-001,12
            RD-RS-001,ST-NML,2026-03-15,Reception,,DP-001,9
            RD-RS-002,ST-RS,2026-04-15,Reception,,DP-101,5
            """,
        ["requests.csv"] = """
            code,station_code,reception_day_code,registered_on,channel,category,summary,status,resolved_on,evaluation
            2026-DW-000001,ST-RS,,2026-04-01,Phone,供暖供水,改写别区的诉求,Closed,2026-04-02,Satisfied
            2026-NG-000777,ST-NML,,2026-04-01,Phone,供暖供水,暖气不热,Registered,,
            2026-NG-000778,ST-RS,RD-NML-001,2026-04-01,Phone,供暖供水,挂到别区活动,Registered,,
            """,
    };

    [Fact]
    public async Task Every_row_naming_or_moving_into_another_district_is_a_line_error_and_nothing_is_written()
    {
        var before = await SnapshotAsync();

        // One file at a time, so a refused row does not hide the rows of later files that refer to it.
        var problems = new List<ImportProblem>();
        foreach (var (name, text) in Hostile)
        {
            var single = await ImportAsync(new Dictionary<string, string> { [name] = text }, Nangang);
            Assert.False(single.Written);
            problems.AddRange(single.Problems);
        }

        var report = await ImportAsync(Hostile, Nangang);

        var outside = problems.Where(p => p.Reason.Contains("不在您的区县范围内", StringComparison.Ordinal)).Select(p => $"{p.File}:{p.Line}:{p.Column}").ToList();
        string[] expected =
        [
            "stations.csv:2:code", // another district's station, "moved" into Nangang
            "stations.csv:3:area_code", // Nangang's station moved out
            "deputies.csv:2:code", // a Daowai deputy
            "deputies.csv:3:constituency_area_code", // a Nangang deputy moved to Daowai
            "assignments.csv:2:deputy_code", // a deputy elected and stationed in Daowai
            "assignments.csv:3:station_code", // a Daowai station
            "reception_days.csv:2:code", // Daowai's activity
            "reception_days.csv:3:station_code", // Nangang's activity moved to a Daowai station
            "reception_days.csv:4:deputy_codes", // a Daowai deputy in a Nangang activity
            "requests.csv:2:code", // Daowai's request rewritten
            "requests.csv:3:station_code", // Nangang's request moved to Daowai
            "requests.csv:4:reception_day_code", // hung on Daowai's activity
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), outside.Order(StringComparer.Ordinal));
        Assert.All(problems.Where(p => outside.Contains($"{p.File}:{p.Line}:{p.Column}")), p => Assert.Matches("^[a-z_]+\\.csv:\\d+:[a-z_]+: “[^”]+”不在您的区县范围内$", p.ToString()));
        Assert.False(report.Written);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task An_administrator_may_import_the_same_rows_and_district_staff_their_own_records()
    {
        var own = new Dictionary<string, string>
        {
            ["stations.csv"] = """
                code,name,kind,area_code,host_type,address,opened_on,legislative_contact_point
                ST-RS,南岗区荣市街道人大代表联络站,Station,230103001,PartyServiceCenter,荣市街1号,2019-03-01,true
                """,
            ["deputies.csv"] = """
                code,name,gender,levels,term,constituency_area_code,sector,phone
                DP-002,李秀英,F,County,市十六届,230103,教育,
                """,
            ["assignments.csv"] = """
                deputy_code,station_code,role,from,to
                DP-003,PT-ST,Member,2024-01-01,
                """,
            ["reception_days.csv"] = """
                code,station_code,date,type,theme,deputy_codes,citizens_received
                RD-RS-001,ST-RS,2026-03-15,Reception,,DP-001;DP-002,10
                """,
            ["requests.csv"] = """
                code,station_code,reception_day_code,registered_on,channel,category,summary,status,resolved_on,evaluation
                2026-NG-000777,ST-RS,RD-RS-001,2026-04-01,Phone,供暖供水,暖气不热,Resolved,2026-04-10,
                """,
        };

        var report = await ImportAsync(own, Nangang);

        Assert.True(report.Written, string.Join("\n", report.Problems));
        await using var db = fixture.Db();
        Assert.Equal("南岗区荣市街道人大代表联络站", await db.Stations.Where(s => s.Code == "ST-RS").Select(s => s.Name).SingleAsync());
        Assert.Equal(RequestStatus.Resolved, await db.CitizenRequests.Where(r => r.TrackingNumber == "2026-NG-000777").Select(r => r.Status).SingleAsync());

        // The scope is the district's: an administrator's dry run of the same rows finds nothing outside scope.
        var admin = await ImportAsync(new Dictionary<string, string> { ["requests.csv"] = Hostile["requests.csv"] }, ImportScope.Everything, dryRun: true);
        Assert.DoesNotContain(admin.Problems, p => p.Reason.Contains("不在您的区县范围内", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_upload_page_refuses_another_districts_tracking_number_for_district_staff()
    {
        var district = await fixture.SessionAsync("district");
        var csv = "code,station_code,reception_day_code,registered_on,channel,category,summary,status,resolved_on,evaluation\n2026-DW-000001,ST-RS,,2026-04-01,Phone,供暖供水,改写别区的诉求,Closed,2026-04-02,Satisfied\n";

        using var response = await district.UploadAsync("/Admin/Import", "/Admin/Import", "files", "requests.csv", Encoding.UTF8.GetBytes(csv), new Dictionary<string, string> { ["DryRun"] = "false" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await PageSession.ReadAsync(response);
        var problems = html.QuerySelector("#import-problems")!.TextContent;
        Assert.Contains("requests.csv", problems, StringComparison.Ordinal);
        Assert.Contains("不在您的区县范围内", problems, StringComparison.Ordinal);
        await using var db = fixture.Db();
        var request = await db.CitizenRequests.AsNoTracking().SingleAsync(r => r.TrackingNumber == "2026-DW-000001");
        Assert.Equal(fixture.Data.NanmaluStationId, request.StationId);
        Assert.Equal("暖气不热", request.Summary);
    }
}
