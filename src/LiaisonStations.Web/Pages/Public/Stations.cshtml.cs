using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>The public directory of stations and points that are open, by district and by name, street or address.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicPages.CachePolicy)]
public sealed class StationsModel(ReadOnlyDb db, ReferenceData reference) : PageModel
{
    public const int PageSize = 20;

    public sealed record Row(string Code, string Name, StationKind Kind, string AreaName, string? Address, ReceptionSchedule Schedule, bool IsLegislativeContactPoint);

    [BindProperty(SupportsGet = true)]
    public string? District { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [FromQuery(Name = "page")] // not BindProperty: the route value "page" (the page's path) would win over the query string
    public int? PageNumber { get; set; }

    public IReadOnlyList<AreaOption> Districts { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public PagerModel Pager { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Districts = await reference.DistrictsAsync(ct);
        var query = db.Stations.AsNoTracking().Where(s => s.Status == StationStatus.Active);
        if (Districts.FirstOrDefault(d => d.Code == District?.Trim()) is { } district)
        {
            var prefix = district.Path + ".";
            query = query.Where(s => s.AreaPath.StartsWith(prefix));
        }
        else
        {
            District = null;
        }

        var q = Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            var pattern = "%" + Like.Escape(q.Length > 50 ? q[..50] : q) + "%";
            query = query.Where(s => EF.Functions.ILike(s.Name, pattern, Like.EscapeCharacter)
                || (s.Address != null && EF.Functions.ILike(s.Address, pattern, Like.EscapeCharacter))
                || db.Areas.Any(a => a.Id == s.AreaId && EF.Functions.ILike(a.Name, pattern, Like.EscapeCharacter)));
        }

        var total = await query.CountAsync(ct);
        var page = PagerModel.PageWithin(PageNumber, total, PageSize);
        var rows = await query.OrderBy(s => s.AreaPath).ThenBy(s => s.Kind).ThenBy(s => s.Code)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(s => new
            {
                s.Code, s.Name, s.Kind, AreaName = db.Areas.Where(a => a.Id == s.AreaId).Select(a => a.Name).First(), s.Address,
                s.ScheduleKind, s.ScheduleDayOfMonth, s.ScheduleWeekday, s.ScheduleNth, s.IsLegislativeContactPoint,
            })
            .ToListAsync(ct);
        Rows = rows.Select(s => new Row(s.Code, s.Name, s.Kind, s.AreaName, s.Address, ReceptionSchedule.From(s.ScheduleKind, s.ScheduleDayOfMonth, s.ScheduleWeekday, s.ScheduleNth), s.IsLegislativeContactPoint)).ToList();
        Pager = new PagerModel(page, PageSize, total, Request.Path, new Dictionary<string, string?> { ["district"] = District, ["q"] = q });
    }
}
