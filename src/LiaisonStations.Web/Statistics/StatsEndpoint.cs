using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Common;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Statistics;

/// <summary>
/// GET /api/stats?area=230100&amp;from=2026-01-01&amp;to=2026-12-31: the DESIGN §4 metrics of an area and period
/// as JSON (camelCase, rates as fractions), with one object per child area under "districts". City staff
/// and administrators may ask for any area, district staff for their district and below.
/// </summary>
public static class StatsEndpoint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapStats(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/stats", GetAsync).RequireAuthorization(SecurityComposition.Policies.Statistics);

    private static async Task<IResult> GetAsync(
        string? area, string? from, string? to, AppDbContext db, CurrentUser me, AreaMetrics metrics, TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        if (!TryDate(from, new DateOnly(today.Year, 1, 1), out var fromDate) || !TryDate(to, today, out var toDate) || toDate < fromDate || toDate.DayNumber - fromDate.DayNumber > 3660)
        {
            return Results.BadRequest(new { error = l["Stats.BadPeriod"].Value });
        }

        var code = area ?? (me.IsDistrictStaff ? Area.DistrictCodeOf(me.DistrictPath!) : null) ?? await db.Areas.Where(a => a.Level == AreaLevel.City).OrderBy(a => a.Code).Select(a => a.Code).FirstOrDefaultAsync(ct);
        var target = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
        if (target is null || (!me.SeesEverything && !(me.IsDistrictStaff && me.DistrictContains(target.Path))))
        {
            // An area outside the caller's scope is answered like an unknown one.
            return Results.NotFound(new { error = l["Stats.UnknownArea", code ?? string.Empty].Value });
        }

        var report = await metrics.ForAreaAsync(target, fromDate, toDate, ct, stationRows: false);
        var result = Node(report.Metrics);
        result.Insert(0, "areaCode", target.Code);
        result.Insert(1, "name", target.Name);
        result.Insert(2, "from", fromDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        result.Insert(3, "to", toDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var children = new JsonArray();
        foreach (var child in report.Rows.Where(r => r.AreaCode is not null))
        {
            var node = Node(child.Metrics);
            node.Insert(0, "areaCode", child.AreaCode);
            node.Insert(1, "name", child.Name);
            children.Add(node);
        }

        result["districts"] = children;
        return Results.Json(result, Json);
    }

    private static JsonObject Node(Metrics m) => JsonSerializer.SerializeToNode(m, Json)!.AsObject();

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
