using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Statistics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>
/// 工作成效: the year's work in figures for the city by district, or for one district by station — the dashboard's own
/// computation (SharedMetrics), so the public and the standing committee always see the same numbers.
/// </summary>
[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicPages.CachePolicy)]
public sealed class ResultsModel(AppDbContext db, SharedMetrics metrics, TimeProvider clock) : PageModel
{
    public const int FirstYear = 2018;

    /// <summary>One line of the board; Link is the district's board or the station's page.</summary>
    public sealed record Line(string Name, string? Link, Metrics Figures);

    [BindProperty(SupportsGet = true)]
    public string? District { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public int ThisYear { get; private set; }

    public Area Area { get; private set; } = null!;

    public Metrics Total { get; private set; } = null!;

    public IReadOnlyList<Line> Lines { get; private set; } = [];

    public DateOnly To { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        ThisYear = today.Year;
        var year = Year is { } y && y >= FirstYear && y <= today.Year ? y : today.Year;
        Year = year;
        var from = new DateOnly(year, 1, 1);
        To = year == today.Year ? today : new DateOnly(year, 12, 31);

        var city = await db.Areas.AsNoTracking().Where(a => a.Level == AreaLevel.City).OrderBy(a => a.Code).FirstOrDefaultAsync(ct);
        if (city is null)
        {
            return NotFound();
        }

        var district = string.IsNullOrWhiteSpace(District) ? null
            : await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == District.Trim() && a.Level == AreaLevel.District, ct);
        District = district?.Code;
        Area = district ?? city;
        var report = await metrics.ForAreaAsync(Area, from, To, ct, stationRows: district is not null);
        Total = report.Metrics;
        var stationIds = report.Rows.Where(r => r.StationId is not null).Select(r => r.StationId!.Value).ToArray();
        var codes = await db.Stations.AsNoTracking().Where(s => stationIds.Contains(s.Id) && s.Status == StationStatus.Active).ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        var pathBase = Request.PathBase.Value;
        Lines = report.Rows.Where(r => !r.IsDirect).Select(r => new Line(
            r.Name,
            r.StationId is { } id
                ? codes.TryGetValue(id, out var code) ? $"{pathBase}/public/stations/{Uri.EscapeDataString(code)}" : null
                : r.AreaCode is { } area ? $"{pathBase}/public/results?district={Uri.EscapeDataString(area)}&year={year}" : null,
            r.Metrics)).ToList();
        return Page();
    }
}
