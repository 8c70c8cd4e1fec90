using System.Net;
using System.Text.Json;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Domain.Suggestions;
using LiaisonStations.Tests.Shared;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// /api/stats against a small fixed data set whose answers are counted by hand (in the comments), for the
/// city and for 南岗区, with records that must not count (another year, not held, not a reception type).
/// </summary>
public sealed class StatsApiTests(StatsApiTests.Fixture fixture) : IClassFixture<StatsApiTests.Fixture>
{
    public sealed class Fixture : AppFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = Db();
            var now = FixedClock.Default;
            var actor = new Actor(null, "测试");
            var rs = Data.RongshiStationId;
            var nml = Data.NanmaluStationId;
            var d = Data.RongshiDeputyIds;
            var dw = Data.NanmaluDeputyIds;

            var station = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Stations, s => s.Id == rs);
            station.RecordStandard(EightStandard.Venue, true, null, new DateOnly(2026, 1, 5), now);
            station.RecordStandard(EightStandard.Signage, true, null, new DateOnly(2026, 1, 5), now);

            db.ReceptionDays.AddRange(
                ReceptionDay.RecordPast("S-1", rs, new DateOnly(2026, 3, 15), ReceptionDayType.Reception, null, [d[0], d[1]], 10, now),
                ReceptionDay.RecordPast("S-2", rs, new DateOnly(2026, 4, 15), ReceptionDayType.ThemedReception, "供暖", [d[0]], 5, now),
                ReceptionDay.RecordPast("S-3", rs, new DateOnly(2026, 5, 15), ReceptionDayType.Inspection, null, [d[0]], 50, now),
                ReceptionDay.RecordPast("S-4", rs, new DateOnly(2025, 12, 15), ReceptionDayType.Reception, null, [d[0]], 50, now),
                ReceptionDay.RecordPast("S-5", nml, new DateOnly(2026, 6, 15), ReceptionDayType.Reception, null, [dw[0]], 7, now),
                ReceptionDay.Plan(rs, new DateOnly(2026, 12, 15), ReceptionDayType.Reception, null, null, null, [d[0]], now));
            var duty = ReceptionDay.RecordPast("S-6", rs, new DateOnly(2026, 9, 1), ReceptionDayType.DutyReport, null, [d[0]], 30, now);
            duty.RecordDutyReportVotes(d[0], 20, 6, 4, now);
            db.ReceptionDays.Add(duty);

            CitizenRequest Imported(string code, int stationId, DateOnly on, RequestStatus status, DateOnly? resolved, Evaluation? evaluation) =>
                CitizenRequest.Import(code, "STATS" + code.Replace("-", string.Empty, StringComparison.Ordinal).PadLeft(11, '0'),
                    new RecordedRequest(stationId, null, on, RequestChannel.Reception, Data.HeatingCategoryId, "测试", status, resolved, evaluation), actor, now);
            db.CitizenRequests.AddRange(
                Imported("Q-1", rs, new DateOnly(2026, 3, 1), RequestStatus.Closed, new DateOnly(2026, 3, 11), Evaluation.Satisfied),
                Imported("Q-2", rs, new DateOnly(2026, 4, 1), RequestStatus.Explained, null, null),
                Imported("Q-3", rs, new DateOnly(2026, 5, 1), RequestStatus.Registered, null, null),
                Imported("Q-4", rs, new DateOnly(2025, 12, 1), RequestStatus.Closed, new DateOnly(2026, 1, 5), Evaluation.Unsatisfied),
                Imported("Q-6", nml, new DateOnly(2026, 2, 1), RequestStatus.Resolved, new DateOnly(2026, 2, 10), null));
            var earlier = now.AddDays(-10);
            var overdue = CitizenRequest.Register("Q-5", "STATSQ5000000000", rs, null, RequestChannel.Phone, Data.HeatingCategoryId, "超期", CitizenContact.Anonymous, actor, earlier);
            overdue.AssignDeputies([d[0]], null, actor, earlier);
            overdue.Refer(Data.HeatingDepartmentId, new DateOnly(2026, 11, 18), null, actor, earlier);
            db.CitizenRequests.Add(overdue);

            Suggestion Answered(int lead, ReplyCategory category, string number)
            {
                var s = Suggestion.Draft(lead, "建议" + number, "正文", null, SuggestionOccasion.BetweenSessions, null, actor, now);
                s.Submit(number, actor, now);
                s.Accept(actor, now);
                s.Assign(Data.HeatingDepartmentId, [], new DateOnly(2027, 2, 20), actor, now);
                s.RecordReply(Data.HeatingDepartmentId, category, "答复", actor, now);
                return s;
            }

            var s1 = Answered(d[0], ReplyCategory.A, "2026-JY-8001");
            s1.Evaluate(Evaluation.Satisfied, null, actor, now);
            db.Suggestions.AddRange(s1, Answered(d[0], ReplyCategory.C, "2026-JY-8002"), Answered(dw[0], ReplyCategory.B, "2026-JY-8003"));
            await db.SaveChangesAsync();
        }
    }

    private async Task<JsonElement> GetAsync(string user, string query)
    {
        var session = await fixture.SessionAsync(user);
        using var response = await session.Client.GetAsync("/api/stats?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static decimal? Rate(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDecimal();

    [Fact]
    public async Task The_city_and_a_district_get_the_hand_counted_figures()
    {
        var city = await GetAsync("city", "area=230100&from=2026-01-01&to=2026-12-31");

        Assert.Equal("哈尔滨市", city.GetProperty("name").GetString());
        Assert.Equal(2, city.GetProperty("stations").GetInt32());            // ST-RS, ST-NML
        Assert.Equal(1, city.GetProperty("points").GetInt32());              // PT-ST
        Assert.Equal(0.6667m, Rate(city, "coverage"));                       // 荣市, 南马路 of 3 streets
        Assert.Equal(3, city.GetProperty("receptionDays").GetInt32());       // S-1, S-2, S-5
        Assert.Equal(4, city.GetProperty("deputyParticipations").GetInt32()); // 2 + 1 + 1
        Assert.Equal(22, city.GetProperty("citizensReceived").GetInt32());   // 10 + 5 + 7
        Assert.Equal(5, city.GetProperty("requestsCollected").GetInt32());
        Assert.Equal(3, city.GetProperty("resolved").GetInt32());
        Assert.Equal(0.75m, Rate(city, "resolutionRate"));                   // 3 of
        Assert.Equal(22.5m, Rate(city, "averageDaysToClose"));               // (10 + 35) / 2
        Assert.Equal(1, city.GetProperty("overdue").GetInt32());
        Assert.Equal(0.5m, Rate(city, "satisfaction"));                      // Q-1 satisfied, Q-4 not
        Assert.Equal(1, city.GetProperty("dutyReports").GetInt32());
        Assert.Equal(1, city.GetProperty("reportingDeputies").GetInt32());
        Assert.Equal(30, city.GetProperty("dutyReportAttendees").GetInt32());
        Assert.Equal(0.8667m, Rate(city, "dutyReportSatisfaction"));         // 26 / 30
        Assert.Equal(0.6667m, Rate(city, "suggestionImplementationRate"));   // A, B of A, C, B
        Assert.Equal(0.3333m, Rate(city, "suggestionSolvedRate"));
        Assert.Equal(1m, Rate(city, "suggestionSatisfaction"));
        Assert.Equal(0.125m, Rate(city, "eightStandardsCompliance"));        // 2 of 2 × 8
        var entry = city.GetProperty("entryRate");
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("National").ValueKind);
        Assert.Equal(0m, entry.GetProperty("Provincial").GetDecimal());     // DP-900 not stationed
        Assert.Equal(1m, entry.GetProperty("City").GetDecimal());
        Assert.Equal(1m, entry.GetProperty("County").GetDecimal());
        var districts = city.GetProperty("districts").EnumerateArray().ToList();
        Assert.Equal(["230103", "230104"], districts.Select(x => x.GetProperty("areaCode").GetString()!).ToArray());

        var nangang = districts[0];
        Assert.Equal((1, 1), (nangang.GetProperty("stations").GetInt32(), nangang.GetProperty("points").GetInt32()));
        Assert.Equal(0.5m, Rate(nangang, "coverage"));
        Assert.Equal((2, 3, 15), (nangang.GetProperty("receptionDays").GetInt32(), nangang.GetProperty("deputyParticipations").GetInt32(), nangang.GetProperty("citizensReceived").GetInt32()));
        Assert.Equal((4, 2, 1), (nangang.GetProperty("requestsCollected").GetInt32(), nangang.GetProperty("resolved").GetInt32(), nangang.GetProperty("overdue").GetInt32()));
        Assert.Equal(0.6667m, Rate(nangang, "resolutionRate"));
        Assert.Equal(0.5m, Rate(nangang, "suggestionImplementationRate"));   // A, C
        Assert.Equal(0.25m, Rate(nangang, "eightStandardsCompliance"));

        // District staff get their district by default and the same figures.
        var mine = await GetAsync("district", "from=2026-01-01&to=2026-12-31");
        Assert.Equal("230103", mine.GetProperty("areaCode").GetString());
        Assert.Equal(nangang.GetProperty("requestsCollected").GetInt32(), mine.GetProperty("requestsCollected").GetInt32());
    }

    [Fact]
    public async Task Outside_the_scope_or_with_a_bad_period_the_answer_is_a_clear_error()
    {
        var district = await fixture.SessionAsync("district");
        using var other = await district.Client.GetAsync("/api/stats?area=230104");
        using var city = await district.Client.GetAsync("/api/stats?area=230100");
        using var badDate = await district.Client.GetAsync("/api/stats?from=2026-13-45");
        using var reversed = await district.Client.GetAsync("/api/stats?from=2026-12-01&to=2026-01-01");
        using var clerk = await (await fixture.SessionAsync("clerk")).Client.GetAsync("/api/stats");

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, city.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("yyyy-MM-dd", await badDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, clerk.StatusCode);
    }

    [Fact]
    public async Task The_api_is_described_in_the_openapi_document()
    {
        using var response = await fixture.NewSession().Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var get = document.GetProperty("paths").GetProperty("/api/stats").GetProperty("get");
        Assert.Equal(["area", "from", "to"], get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray());
        Assert.True(get.GetProperty("responses").TryGetProperty("200", out _));
        Assert.True(get.GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(get.GetProperty("responses").TryGetProperty("404", out _));
        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty("AreaStatistics").GetProperty("properties");
        foreach (var name in new[] { "areaCode", "stations", "points", "coverage", "entryRate", "receptionDays", "deputyParticipations", "citizensReceived", "requestsCollected", "resolved", "resolutionRate", "averageDaysToClose", "overdue", "satisfaction", "dutyReports", "reportingDeputies", "dutyReportAttendees", "dutyReportSatisfaction", "suggestionImplementationRate", "suggestionSolvedRate", "suggestionSatisfaction", "eightStandardsCompliance", "districts" })
        {
            Assert.True(schema.TryGetProperty(name, out _), $"{name} is not in the schema");
        }
    }
}
