using System.Net;
using System.Text;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Import;
using LiaisonStations.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// The DESIGN §7 import: a file set with one bad row writes nothing and names the row; after the fix it is
/// written; importing it again leaves the database exactly as it was (same rows, same row versions).
/// </summary>
public sealed class ImportTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly Dictionary<string, string> GoodFiles = new()
    {
        ["areas.csv"] = """
            code,name,level,parent_code
            230103003,大成街道,街道,230103
            230103003001,文化社区,Community,230103003
            """,
        ["stations.csv"] = """
            code,name,kind,area_code,host_type,address,opened_on,legislative_contact_point
            ST-DC,南岗区大成街道人大代表联络站,Station,230103003,Community,大成街1号,2019-07-01,true
            PT-WH,文化社区代表之家,联络点,230103003001,社区,"文化街2号, 一楼",2020/3/5,否
            """,
        ["deputies.csv"] = """
            code,name,gender,levels,term,constituency_area_code,sector,phone
            DP-501,周丽,女,市;县,市十六届,230103003,教育,13900001111
            DP-502,吴刚,M,County,市十六届,230103003,,
            DP-503,郑新,F,Township;County,市十六届,230103003001,农业,0451-5550000
            """,
        ["assignments.csv"] = """
            deputy_code,station_code,role,from,to
            DP-501,ST-DC,站长,2023-01-01,
            DP-502,ST-DC,Member,2023-01-01,
            DP-503,PT-WH,Member,2021-01-01,2022-12-31
            DP-503,ST-DC,Member,2023-01-01,
            DP-001,ST-DC,Member,2024-05-01,
            """,
        ["reception_days.csv"] = """
            code,station_code,date,type,theme,deputy_codes,citizens_received
            RD-DC-001,ST-DC,2026-03-15,Reception,,DP-501;DP-502,14
            RD-DC-002,ST-DC,2026-04-15,主题接待,老旧小区改造,DP-501;DP-503,30
            RD-DC-003,ST-DC,2026-05-20,DutyReport,,DP-501,45
            """,
        ["requests.csv"] = """
            code,station_code,reception_day_code,registered_on,channel,category,summary,status,resolved_on,evaluation
            RQ-DC-0001,ST-DC,RD-DC-001,2026-03-15,Reception,物业管理,小区电梯经常停运,Closed,2026-04-02,Satisfied
            RQ-DC-0002,ST-DC,RD-DC-002,2026-04-15,接待日,老旧小区改造,楼顶漏水需要维修,Referred,,
            RQ-DC-0003,ST-DC,,2026-06-01,Phone,供暖供水,暖气管道漏水,Resolved,2026-06-10,
            """,
    };

    private static List<Table> Tables(IReadOnlyDictionary<string, string> files) =>
        files.Select(f => Table.Read(f.Key, new MemoryStream(Encoding.UTF8.GetBytes(f.Value.ReplaceLineEndings("\n"))))).ToList();

    private async Task<ImportReport> ImportAsync(IReadOnlyDictionary<string, string> files, bool dryRun = false, ImportScope? scope = null)
    {
        await using var services = fixture.Factory.Services.CreateAsyncScope();
        var import = services.ServiceProvider.GetRequiredService<RosterImport>();
        return await import.RunAsync(Tables(files), scope ?? ImportScope.Everything, dryRun, new Actor(null, "import-test"), CancellationToken.None);
    }

    /// <summary>Every business row with its row version: equal snapshots mean nothing was written in between.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = fixture.Db();
        var parts = new List<string>();
        foreach (var table in new[] { "areas", "stations", "station_standards", "deputies", "station_assignments", "reception_days", "reception_day_deputies", "citizen_requests", "request_events", "request_evaluations", "request_categories" })
        {
            // The table names are this method's own constants, not input.
#pragma warning disable EF1002
            var rows = await db.Database.SqlQueryRaw<string>($"SELECT coalesce(md5(string_agg(t::text || '#' || t.xmin::text, '|' ORDER BY t::text)), '') AS \"Value\" FROM {table} t").SingleAsync();
#pragma warning restore EF1002
            parts.Add($"{table}={rows}");
        }

        return string.Join(";", parts);
    }

    [Fact]
    public async Task One_bad_row_writes_nothing_and_is_reported_then_the_fixed_set_imports_once_and_again_changes_nothing()
    {
        var before = await SnapshotAsync();
        var bad = new Dictionary<string, string>(GoodFiles)
        {
            ["deputies.csv"] = GoodFiles["deputies.csv"].Replace("DP-502,吴刚,M,County", "DP-502,吴刚,X,County", StringComparison.Ordinal),
        };

        var refused = await ImportAsync(bad);

        var problem = Assert.Single(refused.Problems);
        Assert.Equal(("deputies.csv", 3, "gender"), (problem.File, problem.Line, problem.Column));
        Assert.Contains("X", problem.Reason, StringComparison.Ordinal);
        Assert.False(refused.Written);
        Assert.Equal(before, await SnapshotAsync());

        var first = await ImportAsync(GoodFiles);
        Assert.True(first.Ok, string.Join("\n", first.Problems));
        Assert.True(first.Written);
        var once = await SnapshotAsync();
        Assert.NotEqual(before, once);

        var second = await ImportAsync(GoodFiles);
        Assert.True(second.Ok, string.Join("\n", second.Problems));
        Assert.All(second.Counts, c => Assert.Equal((0, 0), (c.Created, c.Updated)));
        Assert.Equal(once, await SnapshotAsync());

        await using var db = fixture.Db();
        var station = await db.Stations.AsNoTracking().SingleAsync(s => s.Code == "PT-WH");
        Assert.Equal((StationKind.Point, HostType.Community, "文化街2号, 一楼", new DateOnly(2020, 3, 5), false), (station.Kind, station.HostType, station.Address, station.OpenedOn, station.IsLegislativeContactPoint));
        var zhou = await db.Deputies.AsNoTracking().SingleAsync(d => d.Code == "DP-501");
        Assert.Equal((Gender.Female, DeputyLevels.City | DeputyLevels.County), (zhou.Gender, zhou.Levels));
        Assert.Equal(AssignmentRole.Chief, zhou.Assignments.Single().Role);
        var zheng = await db.Deputies.AsNoTracking().SingleAsync(d => d.Code == "DP-503");
        Assert.Equal(2, zheng.Assignments.Count);
        Assert.Equal(new DateOnly(2022, 12, 31), zheng.Assignments.Single(a => !a.IsCurrent).To);
        var themed = await db.ReceptionDays.AsNoTracking().SingleAsync(d => d.Code == "RD-DC-002");
        Assert.Equal((ReceptionDayType.ThemedReception, ReceptionDayStatus.Held, 30, 2), (themed.Type, themed.Status, themed.CitizensReceived, themed.DeputiesAttended));
        var closed = await db.CitizenRequests.AsNoTracking().SingleAsync(r => r.TrackingNumber == "RQ-DC-0001");
        Assert.Equal((RequestStatus.Closed, Evaluation.Satisfied, new DateOnly(2026, 4, 2)), (closed.Status, closed.LatestEvaluation!.Value, closed.ResolvedOn!.Value));
        Assert.True(await db.RequestCategories.AnyAsync(c => c.Name == "物业管理"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Import.Completed"));
    }

    [Fact]
    public async Task A_dry_run_lists_every_bad_row_with_file_line_column_and_writes_nothing()
    {
        var before = await SnapshotAsync();
        var bad = new Dictionary<string, string>
        {
            ["stations.csv"] = """
                code,name,kind,area_code,host_type,address,opened_on,legislative_contact_point
                ST-X1,某站,Station,999999,Community,,2019-07-01,true
                ST-X2,某站,Galaxy,230103001,Community,,2019-13-01,maybe
                ST-X3,某站,Station,230103001001,Community,,2019-07-01,false
                """,
            ["requests.csv"] = """
                code,station_code,reception_day_code,registered_on,channel,category,summary,status,resolved_on,evaluation
                RQ-1,NO-SUCH,,2026-03-15,Reception,物业,电梯,Closed,,
                RQ-2,ST-RS,,2026-03-15,Reception,物业,,Registered,,Satisfied
                """,
            ["reception_days.csv"] = """
                code,station_code,date,type,theme,deputy_codes,citizens_received
                RD-FUTURE,ST-RS,2026-12-15,Reception,,,10
                """,
        };

        var report = await ImportAsync(bad, dryRun: true);

        var where = report.Problems.Select(p => $"{p.File}:{p.Line}:{p.Column}").ToList();
        Assert.Contains("stations.csv:2:area_code", where);
        Assert.Contains("stations.csv:3:kind", where);
        Assert.Contains("stations.csv:3:opened_on", where);
        Assert.Contains("stations.csv:3:legislative_contact_point", where);
        Assert.Contains("stations.csv:4:kind", where); // a Station must sit in a street, not a community
        Assert.Contains("requests.csv:2:station_code", where);
        Assert.Contains("reception_days.csv:2:date", where); // an activity still to come cannot have been held
        Assert.Contains("requests.csv:3:summary", where);
        Assert.False(report.Written);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task District_staff_cannot_import_for_another_district_or_areas()
    {
        var files = new Dictionary<string, string>
        {
            ["areas.csv"] = GoodFiles["areas.csv"],
            ["stations.csv"] = """
                code,name,kind,area_code,host_type,address,opened_on,legislative_contact_point
                ST-DW,道外某站,Station,230104001,Community,,2019-07-01,false
                """,
        };

        var report = await ImportAsync(files, scope: new ImportScope("230000.230100.230103"));

        Assert.Contains(report.Problems, p => p.File == "areas.csv");
        Assert.Contains(report.Problems, p => p is { File: "stations.csv", Line: 2, Column: "area_code" });
        Assert.False(report.Written);
    }

    [Fact]
    public async Task The_upload_page_shows_the_problems_of_a_dry_run()
    {
        var district = await fixture.SessionAsync("district");
        var csv = "code,name,gender,levels,term,constituency_area_code,sector,phone\nDP-601,孙强,M,County,市十六届,230104,,\n";

        using var response = await district.UploadAsync("/Admin/Import", "/Admin/Import", "files", "deputies.csv", Encoding.UTF8.GetBytes(csv), new Dictionary<string, string> { ["DryRun"] = "true" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var problems = (await PageSession.ReadAsync(response)).QuerySelector("#import-problems")!.TextContent;
        Assert.Contains("deputies.csv", problems, StringComparison.Ordinal);
        Assert.Contains("constituency_area_code", problems, StringComparison.Ordinal);
        Assert.Contains("不在您的区县范围内", problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_import_command_reports_problems_and_exits_1_on_a_dry_run_of_a_bad_folder()
    {
        var folder = Directory.CreateTempSubdirectory("liaison-import-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "deputies.csv"), "code,name,gender,levels,term,constituency_area_code,sector,phone\nDP-701,钱进,M,Mayor,市十六届,,,\n", new UTF8Encoding(true));
            var (exit, output) = await AppProcess.RunAsync(fixture.ConnectionString, "import", folder.FullName, "--dry-run");

            Assert.Equal(1, exit);
            Assert.Contains("deputies.csv:2:levels", output, StringComparison.Ordinal);
            await using var db = fixture.Db();
            Assert.False(await db.Deputies.AnyAsync(d => d.Code == "DP-701"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
