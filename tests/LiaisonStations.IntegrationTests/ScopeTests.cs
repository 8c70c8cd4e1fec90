using System.Net;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// Scope on every read and write: ids typed into URLs outside the user's station or district are not found,
/// and nothing changes. Personal data is masked except for those who handle the request.
/// </summary>
public sealed class ScopeTests(ScopeTests.Fixture fixture) : IClassFixture<ScopeTests.Fixture>
{
    public sealed class Fixture : AppFixture
    {
        public long RongshiRequestId { get; private set; }

        public long NanmaluRequestId { get; private set; }

        public long ReferredToEnvironmentId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = Db();
            var now = FixedClock.Default;
            var clerk = new Actor(null, "联络员");
            CitizenRequest New(string number, int station, string name, bool disclose) =>
                CitizenRequest.Register(number, "CODE" + number.Replace("-", string.Empty, StringComparison.Ordinal), station, null, RequestChannel.WalkIn, Data.HeatingCategoryId, "暖气不热，室温只有十五度", new CitizenContact(name, "13812345678", "荣市街8号2单元", true, disclose), clerk, now);
            var rs = New("2026-NG-000101", Data.RongshiStationId, "张三", disclose: true);
            rs.AssignDeputies([Data.RongshiDeputyIds[0]], null, clerk, now);
            rs.Refer(Data.HeatingDepartmentId, new DateOnly(2026, 11, 30), null, clerk, now);
            var nml = New("2026-DW-000102", Data.NanmaluStationId, "李四", disclose: false);
            nml.AssignDeputies([Data.NanmaluDeputyIds[0]], null, clerk, now);
            nml.Refer(Data.HeatingDepartmentId, new DateOnly(2026, 11, 30), null, clerk, now);
            var env = New("2026-NG-000103", Data.RongshiStationId, "王五", disclose: true);
            env.AssignDeputies([Data.RongshiDeputyIds[1]], null, clerk, now);
            env.Refer(Data.EnvironmentDepartmentId, new DateOnly(2026, 11, 30), null, clerk, now);
            db.CitizenRequests.AddRange(rs, nml, env);
            await db.SaveChangesAsync();
            RongshiRequestId = rs.Id;
            NanmaluRequestId = nml.Id;
            ReferredToEnvironmentId = env.Id;
        }
    }

    private static async Task<string> FingerprintAsync(AppDbContext db, int stationId)
    {
        var s = await db.Stations.AsNoTracking().SingleAsync(x => x.Id == stationId);
        return $"{s.Code}|{s.Name}|{s.Status}|{s.Version}";
    }

    [Theory]
    [InlineData("clerk", false)]
    [InlineData("district", true)]
    public async Task Records_of_another_station_or_district_are_not_found_by_id_for_view_edit_and_post(string user, bool managesOwn)
    {
        var session = await fixture.SignedInAsync(user);
        var other = fixture.Data.NanmaluStationId;
        var own = fixture.Data.RongshiStationId;
        await using var db = fixture.Db();
        var before = await FingerprintAsync(db, other);

        await session.GetAsync($"/Stations/Details/{own}");
        await session.GetAsync($"/Stations/Details/{other}", HttpStatusCode.NotFound);
        await session.GetAsync($"/Stations/Edit/{other}", HttpStatusCode.NotFound);
        await session.GetAsync($"/Stations/Close/{other}", HttpStatusCode.NotFound);
        await session.GetAsync($"/Requests/Details/{fixture.NanmaluRequestId}", HttpStatusCode.NotFound);
        await session.GetAsync($"/Requests/Details/{fixture.RongshiRequestId}");
        await session.GetAsync($"/Stations/Edit/{own}", managesOwn ? HttpStatusCode.OK : HttpStatusCode.NotFound);

        var token = await session.AntiforgeryTokenAsync();
        foreach (var url in new[]
        {
            $"/Stations/Edit/{other}", $"/Stations/Close/{other}", $"/Stations/Details/{other}?handler=Reopen", $"/Requests/Details/{fixture.NanmaluRequestId}?handler=Unmask",
        })
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Name"] = "被篡改的名称",
                ["Input.Code"] = "HACKED",
                ["Input.Reason"] = "越权撤销",
                ["Input.ClosedOn"] = "2026-11-20",
                ["Input.Kind"] = "Station",
                ["Input.HostType"] = "Other",
                ["Input.AreaId"] = fixture.Data.NanmaluStreetId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Input.OpenedOn"] = "2020-01-01",
            });
            using var response = await session.Client.PostAsync(url, content);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
        }

        await using var after = fixture.Db();
        Assert.Equal(before, await FingerprintAsync(after, other));
        Assert.DoesNotContain(await fixture.EntriesAsync("Request.Unmasked"), e => e.UserName == user);
    }

    [Fact]
    public async Task Lists_show_only_what_is_in_scope()
    {
        string Rows(AngleSharp.Html.Dom.IHtmlDocument page, string table) => string.Join("|", page.QuerySelectorAll($"#{table} tbody tr").Select(r => r.TextContent));

        var clerk2 = await (await fixture.SignedInAsync("clerk2")).GetAsync("/Requests");
        Assert.Contains("2026-DW-000102", Rows(clerk2, "requests-table"), StringComparison.Ordinal);
        Assert.DoesNotContain("2026-NG-", Rows(clerk2, "requests-table"), StringComparison.Ordinal);

        var department = await (await fixture.SignedInAsync("department")).GetAsync("/Requests");
        Assert.Contains("2026-NG-000101", Rows(department, "requests-table"), StringComparison.Ordinal);
        Assert.Contains("2026-DW-000102", Rows(department, "requests-table"), StringComparison.Ordinal);
        Assert.DoesNotContain("2026-NG-000103", Rows(department, "requests-table"), StringComparison.Ordinal);

        var deputy = await (await fixture.SignedInAsync("deputy")).GetAsync("/Requests");
        Assert.Contains("2026-NG-000101", Rows(deputy, "requests-table"), StringComparison.Ordinal);
        Assert.DoesNotContain("2026-NG-000103", Rows(deputy, "requests-table"), StringComparison.Ordinal);

        var districtStations = await (await fixture.SignedInAsync("district")).GetAsync("/Stations");
        Assert.DoesNotContain("南马路", Rows(districtStations, "stations-table"), StringComparison.Ordinal);
        Assert.Contains("荣市", Rows(districtStations, "stations-table"), StringComparison.Ordinal);

        var clerkStations = await (await fixture.SignedInAsync("clerk")).GetAsync("/Stations");
        Assert.Single(clerkStations.QuerySelectorAll("#stations-table tbody tr"));
        Assert.Null(clerkStations.QuerySelector("a[href='/Stations/Create']"));
    }

    [Fact]
    public async Task A_department_sees_nothing_of_requests_not_referred_to_it()
    {
        var session = await fixture.SignedInAsync("department");

        await session.GetAsync($"/Requests/Details/{fixture.ReferredToEnvironmentId}", HttpStatusCode.NotFound);
        await session.GetAsync($"/Stations/Details/{fixture.Data.RongshiStationId}", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Personal_data_is_clear_for_the_station_and_the_assigned_deputy_and_masked_for_others()
    {
        string Contact(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector("#citizen-contact")!.TextContent;
        var url = $"/Requests/Details/{fixture.RongshiRequestId}";

        Assert.Contains("13812345678", Contact(await (await fixture.SignedInAsync("clerk")).GetAsync(url)), StringComparison.Ordinal);
        Assert.Contains("张三", Contact(await (await fixture.SignedInAsync("deputy")).GetAsync(url)), StringComparison.Ordinal);
        var cityPage = await (await fixture.SignedInAsync("city")).GetAsync(url);
        Assert.Contains("138****5678", Contact(cityPage), StringComparison.Ordinal);
        Assert.Contains("张*", Contact(cityPage), StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", cityPage.Body!.InnerHtml, StringComparison.Ordinal);

        // The citizen consented to disclosure for this request, not for the one of 南马路.
        var department = await fixture.SignedInAsync("department");
        Assert.Contains("13812345678", Contact(await department.GetAsync(url)), StringComparison.Ordinal);
        var undisclosed = await department.GetAsync($"/Requests/Details/{fixture.NanmaluRequestId}");
        Assert.Contains("李*", Contact(undisclosed), StringComparison.Ordinal);
        Assert.Null(undisclosed.QuerySelector("form[action*='handler=Unmask']"));
    }

    [Fact]
    public async Task Unmasking_shows_the_contact_once_and_is_audited()
    {
        var session = await fixture.SignedInAsync("district");
        var page = await session.GetAsync($"/Requests/Details/{fixture.RongshiRequestId}");

        using var response = await session.SubmitAsync(page, "form[action*='handler=Unmask']", pageUrl: $"/Requests/Details/{fixture.RongshiRequestId}");

        var unmasked = await PageSession.ReadAsync(response);
        Assert.Contains("13812345678", unmasked.QuerySelector("#citizen-contact")!.TextContent, StringComparison.Ordinal);
        var entry = Assert.Single(await fixture.EntriesAsync("Request.Unmasked"), e => e.UserName == "district");
        Assert.Equal("2026-NG-000101", entry.TargetId);
        Assert.Equal(AuditResult.Success, entry.Result);
        var again = await session.GetAsync($"/Requests/Details/{fixture.RongshiRequestId}");
        Assert.DoesNotContain("13812345678", again.QuerySelector("#citizen-contact")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task District_staff_place_stations_only_in_their_own_district()
    {
        var session = await fixture.SignedInAsync("district");
        var form = await session.GetAsync("/Stations/Create");
        Assert.Empty(form.QuerySelectorAll("#Input_DistrictCode option[value='230104']"));

        using var response = await session.SubmitAsync(form, "main form", new Dictionary<string, string?>
        {
            ["Input.Code"] = "ST-OTHER",
            ["Input.Name"] = "越区联络站",
            ["Input.Kind"] = "Station",
            ["Input.HostType"] = "Other",
            ["Input.DistrictCode"] = "230104",
            ["Input.AreaId"] = fixture.Data.NanmaluStreetId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.OpenedOn"] = "2021-01-01",
        }, pageUrl: "/Stations/Create");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = fixture.Db();
        Assert.False(await db.Stations.AnyAsync(s => s.Code == "ST-OTHER"));
        var json = await session.Client.GetStringAsync("/Stations/Areas?district=230104");
        Assert.Equal("[]", json);
    }

    [Fact]
    public async Task Clerks_cannot_open_the_create_page()
    {
        var session = await fixture.SignedInAsync("clerk");

        await session.GetAsync("/Stations/Create", HttpStatusCode.Forbidden);
        await session.GetAsync("/Admin/Users", HttpStatusCode.Forbidden);
        await session.GetAsync("/Admin/Audit", HttpStatusCode.Forbidden);
        Assert.Equal(StationStatus.Active, (await fixture.Db().Stations.SingleAsync(s => s.Id == fixture.Data.RongshiStationId)).Status);
    }
}
