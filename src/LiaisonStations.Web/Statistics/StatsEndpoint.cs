using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Serialization;
using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Common;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Statistics;

/// <summary>The DESIGN §4 metrics of one area in a period, as the statistics API returns them (camelCase JSON).</summary>
public sealed record AreaStatistics(
    [property: Description("Administrative area code (GB/T 2260), e.g. 230100 for Harbin")] string AreaCode,
    string Name,
    [property: Description("First day of the period, yyyy-MM-dd (top level only)"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? From,
    [property: Description("Last day of the period, yyyy-MM-dd (top level only)"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? To,
    [property: Description("The day stations, points, coverage, the entry rate and deputies are counted on: the period's last day, or today while it runs (top level only)"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AsOf,
    [property: Description("Stations (kind Station) in the area active on the as-of day: opened on or before it, not closed by then")] int Stations,
    [property: Description("Contact points (kind Point) in the area active on the as-of day")] int Points,
    [property: Description("Streets/townships with a station active on the as-of day ÷ all streets/townships; null when the area has none")] decimal? Coverage,
    [property: Description("Deputies elected in the area and in office on the as-of day, each counted once whatever their levels")] int Deputies,
    [property: Description("Of those, deputies with a station assignment running on the as-of day")] int StationedDeputies,
    [property: Description("Per level (National, Provincial, City, County, Township): deputies of the level in office on the as-of day with an assignment running that day ÷ deputies of the level in office that day; null when none")] IReadOnlyDictionary<string, decimal?> EntryRate,
    [property: Description("Reception and themed reception days held in the period")] int ReceptionDays,
    [property: Description("Σ deputies attending those days")] int DeputyParticipations,
    [property: Description("Σ citizens received on those days")] int CitizensReceived,
    [property: Description("Requests registered in the period")] int RequestsCollected,
    [property: Description("Requests resolved in the period")] int Resolved,
    [property: Description("Of the requests that left the open states in the period, the share resolved")] decimal? ResolutionRate,
    [property: Description("Mean days from registration to closing, over requests closed in the period")] decimal? AverageDaysToClose,
    [property: Description("Open requests past their due date, as of today")] int Overdue,
    [property: Description("(Satisfied + BasicallySatisfied) ÷ evaluations collected in the period")] decimal? Satisfaction,
    [property: Description("Duty-report activities held in the period")] int DutyReports,
    [property: Description("Distinct deputies who reported")] int ReportingDeputies,
    [property: Description("Σ citizens attending the duty reports")] int DutyReportAttendees,
    [property: Description("(satisfied + basically satisfied) votes ÷ all votes")] decimal? DutyReportSatisfaction,
    [property: Description("Suggestions first answered in the period with A or B ÷ all answered (by the lead deputy's constituency)")] decimal? SuggestionImplementationRate,
    [property: Description("Answered A ÷ answered")] decimal? SuggestionSolvedRate,
    [property: Description("Deputies' satisfied and basically satisfied evaluations ÷ evaluations in the period")] decimal? SuggestionSatisfaction,
    [property: Description("Standards met ÷ (active stations × 8)")] decimal? EightStandardsCompliance,
    [property: Description("One object per child area with the same metrics (top level only)"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AreaStatistics>? Districts)
{
    public static AreaStatistics Of(string code, string name, Tally counts, ReportPeriod? period, DateOnly? asOf, IReadOnlyList<AreaStatistics>? districts) => Of(code, name, counts.ToMetrics(), counts, period, asOf, districts);

    private static AreaStatistics Of(string code, string name, Metrics m, Tally counts, ReportPeriod? period, DateOnly? asOf, IReadOnlyList<AreaStatistics>? districts) => new(
        code, name, period is null ? null : ReportPeriod.Iso(period.From), period is null ? null : ReportPeriod.Iso(period.To),
        asOf is { } day ? ReportPeriod.Iso(day) : null,
        m.Stations, m.Points, m.Coverage, counts.AllDeputies, counts.AllStationedDeputies, m.EntryRate, m.ReceptionDays, m.DeputyParticipations, m.CitizensReceived, m.RequestsCollected,
        m.Resolved, m.ResolutionRate, m.AverageDaysToClose, m.Overdue, m.Satisfaction, m.DutyReports, m.ReportingDeputies, m.DutyReportAttendees,
        m.DutyReportSatisfaction, m.SuggestionImplementationRate, m.SuggestionSolvedRate, m.SuggestionSatisfaction, m.EightStandardsCompliance, districts);
}

/// <summary>An error answer of the statistics API, in the caller's language.</summary>
public sealed record StatsError(string Error);

/// <summary>
/// GET /api/stats?area=230100&amp;from=2026-01-01&amp;to=2026-12-31: the DESIGN §4 metrics of an area and period
/// as JSON (camelCase, rates as fractions), with one object per child area under "districts". City staff
/// and administrators may ask for any area, district staff for their district and below. Documented in the
/// OpenAPI document at /openapi/v1.json.
/// </summary>
public static class StatsEndpoint
{
    public static void MapStats(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/stats", GetAsync)
            .RequireAuthorization(SecurityComposition.Policies.Statistics)
            .WithName("GetStatistics")
            .WithTags("Statistics")
            .WithSummary("The work figures of an area and period, with its child areas")
            .WithDescription(
                "Rates are fractions from 0 to 1, null when there is nothing to divide by. area defaults to the caller's district " +
                "(district staff) or the first city; from defaults to 1 January of this year, to to today (Asia/Shanghai). " +
                "Periods longer than ten years are refused. An area outside the caller's scope is answered 404, like an unknown one. " +
                "Sign in first: the API uses the application's cookie session.");

    private static async Task<Results<Ok<AreaStatistics>, BadRequest<StatsError>, NotFound<StatsError>>> GetAsync(
        [Description("Area code, e.g. 230100 (Harbin) or 230103 (南岗区)")] string? area,
        [Description("First day, yyyy-MM-dd")] string? from,
        [Description("Last day, yyyy-MM-dd")] string? to,
        ReadOnlyDb db,
        CurrentUser me,
        SharedMetrics metrics,
        TimeProvider clock,
        IStringLocalizer<SharedResource> l,
        CancellationToken ct)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        if (!TryDate(from, new DateOnly(today.Year, 1, 1), out var fromDate) || !TryDate(to, today, out var toDate) || toDate < fromDate || toDate.DayNumber - fromDate.DayNumber > ReportPeriod.MaxDays)
        {
            return TypedResults.BadRequest(new StatsError(l["Stats.BadPeriod"].Value));
        }

        var code = area ?? (me.IsDistrictStaff ? Area.DistrictCodeOf(me.DistrictPath!) : null) ?? await db.Areas.Where(a => a.Level == AreaLevel.City).OrderBy(a => a.Code).Select(a => a.Code).FirstOrDefaultAsync(ct);
        var target = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
        if (target is null || !me.SeesArea(target.Path))
        {
            // An area outside the caller's scope is answered like an unknown one.
            return TypedResults.NotFound(new StatsError(l["Stats.UnknownArea", code ?? string.Empty].Value));
        }

        var report = await metrics.ForAreaAsync(target, fromDate, toDate, ct, stationRows: false);
        var districts = report.Rows.Where(r => r.AreaCode is not null).Select(r => AreaStatistics.Of(r.AreaCode!, r.Name, r.Counts, null, null, null)).ToList();
        return TypedResults.Ok(AreaStatistics.Of(target.Code, target.Name, report.Counts, new ReportPeriod(PeriodKind.Custom, fromDate, toDate), report.AsOf, districts));
    }

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            date = fallback;
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
