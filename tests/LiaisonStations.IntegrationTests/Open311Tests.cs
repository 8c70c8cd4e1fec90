using System.Net;
using System.Text.Json;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// Open311 GeoReport v2 (issue 14, point 7): partner systems submit into the same flow with a key an administrator
/// issued; anyone with a 查询码 reads its status and nothing personal.
/// </summary>
public sealed class Open311Tests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Discovery_and_services_describe_the_endpoint_and_the_categories()
    {
        var client = fixture.NewSession().Client;
        using var discovery = JsonDocument.Parse(await client.GetStringAsync("/open311/v2/discovery.json"));
        var endpoint = discovery.RootElement.GetProperty("endpoints")[0];
        Assert.EndsWith("/open311/v2/", endpoint.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.GetProperty("specification").GetString());

        using var services = JsonDocument.Parse(await client.GetStringAsync("/open311/v2/services.json"));
        var heating = services.RootElement.EnumerateArray().Single(s => s.GetProperty("service_code").GetString() == fixture.Data.HeatingCategoryId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(string.IsNullOrEmpty(heating.GetProperty("service_name").GetString()));
        Assert.Equal("realtime", heating.GetProperty("type").GetString());

        var openApi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/open311/v2/requests.json", openApi, StringComparison.Ordinal);
        Assert.Contains("/open311/v2/requests/{id}.json", openApi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partner_with_a_key_submits_and_anyone_with_the_code_reads_public_fields_only_and_a_revoked_key_stops()
    {
        await using (var db = fixture.Db())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM rate_counters");
        }

        // The administrator issues the key (shown once) on the keys page.
        var admin = await fixture.SessionAsync("admin");
        var page = await admin.GetAsync("/Admin/PartnerKeys");
        using var issued = await admin.SubmitAsync(page, "#issue-form", new Dictionary<string, string?> { ["Input.Name"] = "12345热线", ["Input.Channel"] = "Phone" }, pageUrl: "/Admin/PartnerKeys?handler=Issue");
        var issuedPage = await PageSession.ReadAsync(issued);
        var key = issuedPage.QuerySelector("#issued-key-value")!.TextContent.Trim();
        Assert.StartsWith("lsk_", key, StringComparison.Ordinal);
        Assert.DoesNotContain(key, (await admin.GetAsync("/Admin/PartnerKeys")).DocumentElement.OuterHtml, StringComparison.Ordinal);

        var client = fixture.NewSession().Client;
        Dictionary<string, string> Form(string? apiKey = null) => new()
        {
            ["api_key"] = apiKey ?? key,
            ["jurisdiction_id"] = "ST-RS",
            ["service_code"] = fixture.Data.HeatingCategoryId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["description"] = "热线转来：某小区暖气不热，室温15度",
            ["phone"] = "13611112222",
            ["first_name"] = "建国",
            ["last_name"] = "孙",
            ["consent_to_contact"] = "true",
        };

        // Without a key, with a wrong one: 403 in Open311's error shape.
        using (var none = await client.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(Form(string.Empty))))
        {
            Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
            using var error = JsonDocument.Parse(await none.Content.ReadAsStringAsync());
            Assert.Equal(403, error.RootElement[0].GetProperty("code").GetInt32());
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(Form("lsk_wrong")))).StatusCode);

        using var created = await client.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(Form()));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        using var answer = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var code = answer.RootElement[0].GetProperty("service_request_id").GetString()!;
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", code);
        await using (var db = fixture.Db())
        {
            var request = await db.CitizenRequests.AsNoTracking().SingleAsync(r => r.TrackingCode == code.Replace("-", string.Empty, StringComparison.Ordinal));
            Assert.Equal(RequestChannel.Phone, request.Channel);
            Assert.Equal("孙建国", request.CitizenName);
            Assert.True(request.ConsentToContact);
            Assert.Equal("open311:12345热线", request.Events[0].ActorName);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Open311.Submitted" && a.TargetId == request.TrackingNumber));
            Assert.NotNull((await db.PartnerKeys.SingleAsync(k => k.Name == "12345热线")).LastUsedAt);
        }

        // Read by its code: status and dates, never the text or the citizen.
        var one = await client.GetStringAsync($"/open311/v2/requests/{code}.json");
        using (var json = JsonDocument.Parse(one))
        {
            var r = json.RootElement[0];
            Assert.Equal(code, r.GetProperty("service_request_id").GetString());
            Assert.Equal("open", r.GetProperty("status").GetString());
            Assert.Equal("已受理", r.GetProperty("status_notes").GetString());
        }

        foreach (var secret in new[] { "暖气不热", "13611112222", "孙", "建国" })
        {
            Assert.DoesNotContain(secret, one, StringComparison.Ordinal);
        }

        using (var list = JsonDocument.Parse(await client.GetStringAsync($"/open311/v2/requests.json?service_request_id={code.ToLowerInvariant()},ABCD-EFGH-JKMN")))
        {
            Assert.Equal(1, list.RootElement.GetArrayLength());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/open311/v2/requests/ABCD-EFGH-JKMN.json")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/open311/v2/requests.json")).StatusCode);

        // Bad values: clear 4xx answers, nothing saved.
        int before;
        await using (var db = fixture.Db())
        {
            before = await db.CitizenRequests.CountAsync();
        }

        foreach (var (field, value, status) in new[]
        {
            ("jurisdiction_id", "NOPE", HttpStatusCode.NotFound),
            ("service_code", "abc", HttpStatusCode.BadRequest),
            ("service_code", "999999", HttpStatusCode.BadRequest),
            ("phone", "0451-5550000", HttpStatusCode.BadRequest),
            ("description", new string('长', CitizenRequest.OnlineTextMaxLength + 1), HttpStatusCode.BadRequest),
            ("description", " ", HttpStatusCode.BadRequest),
        })
        {
            var form = Form();
            form[field] = value;
            using var refused = await client.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(form));
            Assert.Equal(status, refused.StatusCode);
            Assert.Equal((int)status, JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement[0].GetProperty("code").GetInt32());
        }

        using (var json = await client.PostAsync("/open311/v2/requests.json", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        }

        await using (var db = fixture.Db())
        {
            Assert.Equal(before, await db.CitizenRequests.CountAsync());

            // A key over its hourly allowance is refused.
            await db.Database.ExecuteSqlRawAsync("UPDATE rate_counters SET hits = 600 WHERE key LIKE 'open311-key:%'");
        }

        Assert.Equal((HttpStatusCode)429, (await client.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(Form()))).StatusCode);

        // Revoked on the page: refused at once.
        var keys = await admin.GetAsync("/Admin/PartnerKeys");
        var row = keys.QuerySelectorAll("#partner-keys tr[data-key]").Single(r => r.TextContent.Contains("12345热线", StringComparison.Ordinal));
        using (var revoked = await admin.SubmitAsync(keys, $"#partner-keys tr[data-key='{row.GetAttribute("data-key")}'] form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        }

        await using (var db = fixture.Db())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM rate_counters");
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(Form()))).StatusCode);
    }
}
