using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.IntegrationTests;

/// <summary>The roster, station assignments (assign, move, end, history kept), star deputies and departments through the pages.</summary>
public sealed class DeputyPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<int> DeputyIdAsync(string code)
    {
        await using var db = fixture.Db();
        return await db.Deputies.Where(d => d.Code == code).Select(d => d.Id).SingleAsync();
    }

    private async Task<Deputy> LoadAsync(int id)
    {
        await using var db = fixture.Db();
        return await db.Deputies.AsNoTracking().SingleAsync(d => d.Id == id);
    }

    [Fact]
    public async Task The_roster_filters_by_level_station_and_not_yet_stationed_within_the_scope()
    {
        var admin = await fixture.SessionAsync("admin");
        var district = await fixture.SessionAsync("district");

        var unstationed = await admin.GetAsync("/Deputies?unstationed=true");
        var provincial = await admin.GetAsync("/Deputies?level=Provincial");
        var atRongshi = await admin.GetAsync($"/Deputies?station={fixture.Data.RongshiStationId}&sort=name&desc=true");
        var search = await admin.GetAsync($"/Deputies?q={Uri.EscapeDataString("秀英")}");
        var districtAll = await district.GetAsync("/Deputies");

        static string Codes(IHtmlDocument page) => string.Join(",", page.QuerySelectorAll("#deputies-table tbody tr td:first-child").Select(td => td.TextContent.Trim()));
        Assert.Contains("DP-900", Codes(unstationed), StringComparison.Ordinal);
        Assert.DoesNotContain("DP-001", Codes(unstationed), StringComparison.Ordinal);
        Assert.Equal("DP-900", Codes(provincial));
        Assert.Contains("DP-001", Codes(atRongshi), StringComparison.Ordinal);
        Assert.DoesNotContain("DP-101", Codes(atRongshi), StringComparison.Ordinal);
        Assert.Equal("DP-002", Codes(search));
        Assert.DoesNotContain("DP-101", Codes(districtAll), StringComparison.Ordinal);
        Assert.Contains("DP-001", Codes(districtAll), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assign_move_and_end_keep_the_history_and_other_districts_stations_are_refused()
    {
        var district = await fixture.SessionAsync("district");
        var id = await DeputyIdAsync("DP-003");
        var page = await district.GetAsync($"/Deputies/Assignment/{id}");

        // A Daowai station is not offered to Nangang's staff, and a posted id of it is refused.
        Assert.Null(page.QuerySelector($"#assign-form option[value='{fixture.Data.NanmaluStationId}']"));
        using (var foreign = await district.SubmitAsync(page, "#assign-form", new Dictionary<string, string?> { ["Input.StationId"] = Id(fixture.Data.NanmaluStationId), ["Input.On"] = "2026-11-20" }, pageUrl: $"/Deputies/Assignment/{id}?handler=Assign"))
        {
            Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);
        }

        // Move from 荣市 to the 水滩 point on 2026-11-20: the old assignment ends the day before.
        using (var moved = await district.SubmitAsync(page, $".card[data-station='{fixture.Data.RongshiStationId}'] .move-form", new Dictionary<string, string?>
        {
            ["Input.StationId"] = Id(fixture.Data.ShuitanPointId),
            ["Input.Role"] = "Member",
            ["Input.On"] = "2026-11-20",
        }, pageUrl: $"/Deputies/Assignment/{id}?handler=Move"))
        {
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        }

        var afterMove = await LoadAsync(id);
        Assert.Equal(new DateOnly(2026, 11, 19), afterMove.Assignments.Single(a => a.StationId == fixture.Data.RongshiStationId).To);
        Assert.True(afterMove.Assignments.Single(a => a.StationId == fixture.Data.ShuitanPointId).IsCurrent);

        var again = await district.GetAsync($"/Deputies/Assignment/{id}");
        using (var ended = await district.SubmitAsync(again, $".card[data-station='{fixture.Data.ShuitanPointId}'] .end-form", new Dictionary<string, string?> { ["Input.On"] = "2026-11-21" }, pageUrl: $"/Deputies/Assignment/{id}?handler=End"))
        {
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        }

        var history = await LoadAsync(id);
        Assert.Equal(2, history.Assignments.Count);
        Assert.DoesNotContain(history.Assignments, a => a.IsCurrent);
        var profile = await district.GetAsync($"/Deputies/Details/{id}");
        Assert.Equal(2, profile.QuerySelectorAll("#assignment-history tbody tr").Length);
    }

    [Fact]
    public async Task A_second_chief_is_refused_and_an_unstationed_deputy_is_assigned_by_the_city()
    {
        var admin = await fixture.SessionAsync("admin");
        var id = await DeputyIdAsync("DP-900");
        var page = await admin.GetAsync($"/Deputies/Assignment/{id}");

        using (var chief = await admin.SubmitAsync(page, "#assign-form", new Dictionary<string, string?> { ["Input.StationId"] = Id(fixture.Data.RongshiStationId), ["Input.Role"] = "Chief", ["Input.On"] = "2026-11-20" }, pageUrl: $"/Deputies/Assignment/{id}?handler=Assign"))
        {
            Assert.Equal(HttpStatusCode.OK, chief.StatusCode);
            Assert.Contains("已有站长", (await PageSession.ReadAsync(chief)).QuerySelector("[data-valmsg-for='Input.Role']")!.TextContent, StringComparison.Ordinal);
        }

        using (var member = await admin.SubmitAsync(page, "#assign-form", new Dictionary<string, string?> { ["Input.StationId"] = Id(fixture.Data.RongshiStationId), ["Input.Role"] = "Member", ["Input.On"] = "2026-11-20" }, pageUrl: $"/Deputies/Assignment/{id}?handler=Assign"))
        {
            Assert.Equal(HttpStatusCode.Redirect, member.StatusCode);
        }

        // The same (now stale) form again: refused, nothing doubled.
        using (var stale = await admin.SubmitAsync(page, "#assign-form", new Dictionary<string, string?> { ["Input.StationId"] = Id(fixture.Data.RongshiStationId), ["Input.Role"] = "Member", ["Input.On"] = "2026-11-20" }, pageUrl: $"/Deputies/Assignment/{id}?handler=Assign"))
        {
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        }

        Assert.Single((await LoadAsync(id)).Assignments);
        await using var db = fixture.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Deputy.Updated" && a.TargetId == Id(id)));
    }

    [Fact]
    public async Task The_chief_role_moves_from_one_deputy_to_another()
    {
        var district = await fixture.SessionAsync("district");
        var chief = await DeputyIdAsync("DP-001");
        var member = await DeputyIdAsync("DP-002");

        var memberPage = await district.GetAsync($"/Deputies/Assignment/{member}");
        using (var refused = await district.SubmitAsync(memberPage, $".card[data-station='{fixture.Data.RongshiStationId}'] .role-form", pageUrl: $"/Deputies/Assignment/{member}?handler=Role"))
        {
            Assert.Contains("已有站长", (await PageSession.ReadAsync(refused)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        }

        var chiefPage = await district.GetAsync($"/Deputies/Assignment/{chief}");
        using (var demoted = await district.SubmitAsync(chiefPage, $".card[data-station='{fixture.Data.RongshiStationId}'] .role-form", pageUrl: $"/Deputies/Assignment/{chief}?handler=Role"))
        {
            Assert.Equal(HttpStatusCode.Redirect, demoted.StatusCode);
        }

        memberPage = await district.GetAsync($"/Deputies/Assignment/{member}");
        using (var promoted = await district.SubmitAsync(memberPage, $".card[data-station='{fixture.Data.RongshiStationId}'] .role-form", pageUrl: $"/Deputies/Assignment/{member}?handler=Role"))
        {
            Assert.Equal(HttpStatusCode.Redirect, promoted.StatusCode);
        }

        Assert.Equal(AssignmentRole.Member, (await LoadAsync(chief)).Assignments.Single(a => a.IsCurrent).Role);
        Assert.Equal(AssignmentRole.Chief, (await LoadAsync(member)).Assignments.Single(a => a.IsCurrent).Role);
    }

    [Fact]
    public async Task A_star_deputy_goes_from_nomination_to_approval_and_clerks_cannot_nominate()
    {
        var district = await fixture.SessionAsync("district");
        var city = await fixture.SessionAsync("city");
        var page = await district.GetAsync("/Deputies/Stars?year=2026");
        using (var nominated = await district.SubmitAsync(page, "#nominate-form", new Dictionary<string, string?> { ["deputyCode"] = "DP-002", ["reason"] = "接待群众积极" }, pageUrl: "/Deputies/Stars?handler=Nominate&year=2026"))
        {
            Assert.Equal(HttpStatusCode.Redirect, nominated.StatusCode);
        }

        using (var foreign = await district.SubmitAsync(page, "#nominate-form", new Dictionary<string, string?> { ["deputyCode"] = "DP-101" }, pageUrl: "/Deputies/Stars?handler=Nominate&year=2026"))
        {
            Assert.Contains("DP-101", (await PageSession.ReadAsync(foreign)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        }

        foreach (var (step, extra) in new[] { ("Review", (string?)null), ("Votes", "321"), ("Panel", null), ("Approve", null) })
        {
            var list = await city.GetAsync("/Deputies/Stars?year=2026");
            var form = list.QuerySelectorAll("#stars-table tbody tr").Single(tr => tr.TextContent.Contains("DP-002", StringComparison.Ordinal)).QuerySelector("form")!;
            var values = new Dictionary<string, string?> { ["votes"] = step == "Votes" ? extra : null };
            using var response = await city.SubmitAsync(list, $"form:has(input[name=honourId][value='{form.QuerySelector("input[name=honourId]")!.GetAttribute("value")}'])", values, submitName: "step", submitValue: step, pageUrl: "/Deputies/Stars?handler=Advance");
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, step);
        }

        await using var db = fixture.Db();
        var id = await DeputyIdAsync("DP-002");
        var honour = await db.StarDeputies.AsNoTracking().SingleAsync(s => s.DeputyId == id && s.Year == 2026);
        Assert.Equal(HonourStage.Approved, honour.Stage);
        Assert.Equal(321, honour.PublicVotes);

        var clerk = await fixture.SessionAsync("clerk");
        var token = await clerk.AntiforgeryTokenAsync();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["deputyCode"] = "DP-003" });
        using var refused = await clerk.Client.PostAsync("/Deputies/Stars?handler=Nominate", content);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_station_is_rated_from_nomination_to_approved_stars_shown_on_its_page()
    {
        var district = await fixture.SessionAsync("district");
        var city = await fixture.SessionAsync("city");
        var page = await district.GetAsync("/Stations/Stars?year=2026");
        using (var nominated = await district.SubmitAsync(page, "#nominate-station-form", new Dictionary<string, string?> { ["stationCode"] = "ST-RS", ["stars"] = "3", ["reason"] = "八有达标" }, pageUrl: "/Stations/Stars?handler=Nominate&year=2026"))
        {
            Assert.Equal(HttpStatusCode.Redirect, nominated.StatusCode);
        }

        using (var foreign = await district.SubmitAsync(page, "#nominate-station-form", new Dictionary<string, string?> { ["stationCode"] = "ST-NML" }, pageUrl: "/Stations/Stars?handler=Nominate&year=2026"))
        {
            Assert.Contains("ST-NML", (await PageSession.ReadAsync(foreign)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        }

        foreach (var (step, values) in new[]
        {
            ("Review", new Dictionary<string, string?>()),
            ("Votes", new Dictionary<string, string?> { ["votes"] = "880" }),
            ("Panel", new Dictionary<string, string?> { ["stars"] = "2", ["note"] = "台账需完善" }),
            ("Approve", new Dictionary<string, string?>()),
        })
        {
            var list = await city.GetAsync("/Stations/Stars?year=2026");
            using var response = await city.SubmitAsync(list, "#station-stars-table tbody tr form", values, submitName: "step", submitValue: step, pageUrl: "/Stations/Stars?handler=Advance");
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, step);
        }

        await using var db = fixture.Db();
        var rating = await db.StationStarRatings.AsNoTracking().SingleAsync(r => r.StationId == fixture.Data.RongshiStationId && r.Year == 2026);
        Assert.Equal((HonourStage.Approved, 2, 880), (rating.Stage, rating.Stars!.Value, rating.PublicVotes!.Value));
    }

    [Fact]
    public async Task Departments_are_created_edited_and_taken_out_of_use()
    {
        var city = await fixture.SessionAsync("city");
        var form = await city.GetAsync("/Departments/Edit");
        using (var bad = await city.SubmitAsync(form, "#department-form", new Dictionary<string, string?> { ["Input.Code"] = "D 1;drop", ["Input.Name"] = "" }, pageUrl: "/Departments/Edit"))
        {
            var page = await PageSession.ReadAsync(bad);
            Assert.Contains("编码只能包含", page.QuerySelector("[data-valmsg-for='Input.Code']")!.TextContent, StringComparison.Ordinal);
        }

        using (var created = await city.SubmitAsync(form, "#department-form", new Dictionary<string, string?> { ["Input.Code"] = "D-CGJ", ["Input.Name"] = "市城管局", ["Input.ContactPerson"] = "孙科长" }, pageUrl: "/Departments/Edit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        using (var duplicate = await city.SubmitAsync(form, "#department-form", new Dictionary<string, string?> { ["Input.Code"] = "D-CGJ", ["Input.Name"] = "重复" }, pageUrl: "/Departments/Edit"))
        {
            Assert.Contains("已被使用", (await PageSession.ReadAsync(duplicate)).QuerySelector("[data-valmsg-for='Input.Code']")!.TextContent, StringComparison.Ordinal);
        }

        int id;
        await using (var db = fixture.Db())
        {
            id = await db.Departments.Where(d => d.Code == "D-CGJ").Select(d => d.Id).SingleAsync();
        }

        var edit = await city.GetAsync($"/Departments/Edit/{id}");
        using (var deactivated = await city.SubmitAsync(edit, "#department-form", new Dictionary<string, string?> { ["Input.IsActive"] = "false", ["Input.Name"] = "市城市管理局" }, pageUrl: $"/Departments/Edit/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        }

        await using (var db = fixture.Db())
        {
            var saved = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == id);
            Assert.False(saved.IsActive);
            Assert.Equal("市城市管理局", saved.Name);
        }

        var list = await city.GetAsync("/Departments");
        Assert.DoesNotContain("市城市管理局", list.QuerySelector("#departments-table")!.TextContent, StringComparison.Ordinal);
        using var districtEdit = await (await fixture.SessionAsync("district")).Client.GetAsync($"/Departments/Edit/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, districtEdit.StatusCode);
    }
}
