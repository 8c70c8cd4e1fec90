using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Departments;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Tests.Shared;

/// <summary>
/// A small, fixed world built through the domain's own constructors: two districts of Harbin, three
/// streets, a community, two stations and a point, a few deputies, departments and categories.
/// </summary>
public sealed class TestData
{
    /// <summary>Password of every test account (12+ characters, four classes).</summary>
    public const string Password = "Test#2026-Account";

    /// <summary>One account per role: admin, city, district (南岗区), clerk (荣市), clerk2 (南马路), deputy (荣市's chief), department (供热办).</summary>
    public static readonly string[] Accounts = ["admin", "city", "district", "clerk", "clerk2", "deputy", "department"];

    public required int CityId { get; init; }

    public required int NangangId { get; init; }

    public required int DaowaiId { get; init; }

    public required int RongshiStreetId { get; init; }

    public required int HexingStreetId { get; init; }

    public required int NanmaluStreetId { get; init; }

    public required int ShuitanCommunityId { get; init; }

    public required int RongshiStationId { get; init; }

    public required int NanmaluStationId { get; init; }

    public required int ShuitanPointId { get; init; }

    public required IReadOnlyList<int> RongshiDeputyIds { get; init; }

    public required IReadOnlyList<int> NanmaluDeputyIds { get; init; }

    public required int UnstationedDeputyId { get; init; }

    public required int EnvironmentDepartmentId { get; init; }

    public required int HeatingDepartmentId { get; init; }

    public required int HeatingCategoryId { get; init; }

    public static AppDbContext Context(string connectionString) =>
        new(AppDbContext.OptionsFor(connectionString));

    public static async Task<TestData> SeedAsync(string connectionString, DateTimeOffset now)
    {
        await using var db = Context(connectionString);
        var province = Area.Create("230000", "黑龙江省", AreaLevel.Province, null, "HLJ");
        var city = Area.Create("230100", "哈尔滨市", AreaLevel.City, province, "HEB");
        var nangang = Area.Create("230103", "南岗区", AreaLevel.District, city, "NG");
        var daowai = Area.Create("230104", "道外区", AreaLevel.District, city, "DW");
        db.Areas.AddRange(province, city, nangang, daowai);
        await db.SaveChangesAsync();
        var rongshi = Area.Create("230103001", "荣市街道", AreaLevel.Street, nangang);
        var hexing = Area.Create("230103002", "和兴路街道", AreaLevel.Street, nangang);
        var nanmalu = Area.Create("230104001", "南马路街道", AreaLevel.Street, daowai);
        db.Areas.AddRange(rongshi, hexing, nanmalu);
        await db.SaveChangesAsync();
        var shuitan = Area.Create("230103001001", "水滩社区", AreaLevel.Community, rongshi);
        db.Areas.Add(shuitan);
        await db.SaveChangesAsync();

        var opened = new DateOnly(2019, 3, 1);
        var rs = Station.Create("ST-RS", "南岗区荣市街道代表联络站", StationKind.Station, HostType.PartyServiceCenter, rongshi, "荣市街1号", opened, true, now);
        rs.SetSchedule(ReceptionSchedule.MonthlyOn(15), now);
        var nml = Station.Create("ST-NML", "道外区南马路街道代表联络站", StationKind.Station, HostType.PartyServiceCenter, nanmalu, "南马路2号", opened, false, now);
        var st = Station.Create("PT-ST", "南岗区水滩社区代表联络点", StationKind.Point, HostType.Community, shuitan, null, opened.AddYears(1), false, now);
        db.Stations.AddRange(rs, nml, st);

        var environment = Department.Create("D-STHJ", "市生态环境局", city.Id, "王科长", "0451-1234567");
        var heating = Department.Create("D-GRB", "市供热办公室", city.Id, null, null);
        db.Departments.AddRange(environment, heating);
        var heatingCategory = RequestCategory.Create("供暖供水");
        db.RequestCategories.AddRange(heatingCategory, RequestCategory.Create("环境保护"));
        await db.SaveChangesAsync();

        var deputies = new List<Deputy>();
        Deputy NewDeputy(string code, string name, DeputyLevels levels, Area area)
        {
            var d = Deputy.Create(code, name, Gender.Male, levels, "市十六届", area, "企业", "13800138000", now);
            deputies.Add(d);
            return d;
        }

        var rsDeputies = new[]
        {
            NewDeputy("DP-001", "张建国", DeputyLevels.City | DeputyLevels.County, nangang),
            NewDeputy("DP-002", "李秀英", DeputyLevels.County, nangang),
            NewDeputy("DP-003", "王志强", DeputyLevels.County, nangang),
        };
        var nmlDeputies = new[]
        {
            NewDeputy("DP-101", "赵丽华", DeputyLevels.City, daowai),
            NewDeputy("DP-102", "刘海峰", DeputyLevels.County, daowai),
        };
        var unstationed = NewDeputy("DP-900", "陈晓光", DeputyLevels.Provincial, city);
        var from = new DateOnly(2023, 1, 1);
        rsDeputies[0].AssignTo(rs.Id, AssignmentRole.Chief, from, now);
        rsDeputies[1].AssignTo(rs.Id, AssignmentRole.Member, from, now);
        rsDeputies[2].AssignTo(rs.Id, AssignmentRole.Member, from, now);
        nmlDeputies[0].AssignTo(nml.Id, AssignmentRole.Chief, from, now);
        nmlDeputies[1].AssignTo(nml.Id, AssignmentRole.Member, from, now);
        db.Deputies.AddRange(deputies);
        await db.SaveChangesAsync();

        AccountProvisioning.AddDirect(db, "admin", "管理员", AppRoles.Administrator, Password, now);
        AccountProvisioning.AddDirect(db, "city", "市人大工作人员", AppRoles.CityStaff, Password, now);
        AccountProvisioning.AddDirect(db, "district", "南岗区工作人员", AppRoles.DistrictStaff, Password, now, u => u.DistrictAreaId = nangang.Id);
        AccountProvisioning.AddDirect(db, "clerk", "荣市联络员", AppRoles.StationClerk, Password, now, stationId: rs.Id);
        AccountProvisioning.AddDirect(db, "clerk2", "南马路联络员", AppRoles.StationClerk, Password, now, stationId: nml.Id);
        AccountProvisioning.AddDirect(db, "deputy", rsDeputies[0].Name, AppRoles.Deputy, Password, now, u => u.DeputyId = rsDeputies[0].Id);
        AccountProvisioning.AddDirect(db, "department", "供热办联络人", AppRoles.DepartmentLiaison, Password, now, u => u.DepartmentId = heating.Id);
        await db.SaveChangesAsync();

        return new TestData
        {
            CityId = city.Id,
            NangangId = nangang.Id,
            DaowaiId = daowai.Id,
            RongshiStreetId = rongshi.Id,
            HexingStreetId = hexing.Id,
            NanmaluStreetId = nanmalu.Id,
            ShuitanCommunityId = shuitan.Id,
            RongshiStationId = rs.Id,
            NanmaluStationId = nml.Id,
            ShuitanPointId = st.Id,
            RongshiDeputyIds = rsDeputies.Select(d => d.Id).ToList(),
            NanmaluDeputyIds = nmlDeputies.Select(d => d.Id).ToList(),
            UnstationedDeputyId = unstationed.Id,
            EnvironmentDepartmentId = environment.Id,
            HeatingDepartmentId = heating.Id,
            HeatingCategoryId = heatingCategory.Id,
        };
    }
}
