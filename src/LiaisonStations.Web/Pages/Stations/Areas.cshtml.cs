using LiaisonStations.Domain.Areas;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using LiaisonStations.Web.Infrastructure.Caching;

namespace LiaisonStations.Web.Pages.Stations;

/// <summary>The areas of one district as JSON, so the station form can refill its area list when the district changes.</summary>
public sealed class AreasModel(StationLookups lookups) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? district, CancellationToken ct)
    {
        var areas = await lookups.AreasUnderAsync(district, ct);
        return new JsonResult(areas.Select(a => new { id = a.Id, label = AreaLabel(a), level = a.Level.ToString() }));
    }

    /// <summary>Streets flush left, communities indented under their street.</summary>
    public static string AreaLabel(AreaOption a) => a.Level == AreaLevel.Community ? "\u3000└ " + a.Name : a.Name;
}
