using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
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
public sealed class ResultsModel(ReadOnlyDb db, SharedMetrics metrics, TimeProvider clock) : PageModel
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

    /// <summary>办理案例: resolved requests whose citizens agreed to publication, anonymised.</summary>
    public IReadOnlyList<PublishedCase> Cases { get; private set; } = [];

    public const int CasesShown = 10;

    public sealed record PublishedCase(DateOnly ResolvedOn, string Station, string Category, string Summary, string? Reply);

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
        Cases = await PublishedCasesAsync(Area.Path, from, To, ct);
        return Page();
    }

    /// <summary>
    /// The latest requests resolved in the period in the area whose citizens agreed to anonymous publication, with the
    /// reply they were given; the citizen's name, numbers and addresses of e-mail are taken out of both texts.
    /// </summary>
    private async Task<IReadOnlyList<PublishedCase>> PublishedCasesAsync(string areaPath, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var below = areaPath + ".";
        var rows = await db.CitizenRequests.AsNoTracking()
            .Where(r => r.ConsentToPublish && !r.WithdrawnAsSpam && r.ResolvedOn >= from && r.ResolvedOn <= to
                && (r.Status == RequestStatus.Resolved || r.Status == RequestStatus.Closed))
            .Join(db.Stations.Where(s => s.AreaPath == areaPath || s.AreaPath.StartsWith(below)), r => r.StationId, s => s.Id, (r, s) => new { r, Station = s.Name })
            .OrderByDescending(x => x.r.ResolvedOn).ThenByDescending(x => x.r.Id)
            .Take(CasesShown)
            .Select(x => new
            {
                x.r.ResolvedOn,
                x.Station,
                Category = db.RequestCategories.Where(c => c.Id == x.r.CategoryId).Select(c => Fmt.English && c.EnglishName != null ? c.EnglishName : c.Name).First(),
                x.r.Summary,
                x.r.CitizenName,
                Reply = x.r.Referrals.Where(f => f.Reply != null).OrderByDescending(f => f.RepliedAt).Select(f => f.Reply).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(x => new PublishedCase(
            x.ResolvedOn!.Value, x.Station, x.Category, PersonalData.Anonymise(x.Summary, x.CitizenName), x.Reply is null ? null : PersonalData.Anonymise(x.Reply, x.CitizenName))).ToList();
    }
}
