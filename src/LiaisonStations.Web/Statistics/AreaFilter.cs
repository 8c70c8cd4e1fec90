using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Statistics;

/// <summary>
/// The "area" filter the lists share with the dashboard (?area=230103): records of stations, or deputies
/// elected, anywhere under that area. An unknown code matches nothing rather than everything, so a link's
/// list never shows more than the count it came from.
/// </summary>
public static class AreaFilter
{
    public static async Task<Area?> FindAsync(AppDbContext db, string? code, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(code) ? null : await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code.Trim(), ct);

    public static IQueryable<Station> Within(this IQueryable<Station> stations, Area? area)
    {
        if (area is null)
        {
            return stations.Where(s => false);
        }

        var prefix = area.Path + ".";
        return stations.Where(s => s.AreaPath == area.Path || s.AreaPath.StartsWith(prefix));
    }

    public static IQueryable<Area> Within(this IQueryable<Area> areas, Area? area)
    {
        if (area is null)
        {
            return areas.Where(a => false);
        }

        var prefix = area.Path + ".";
        return areas.Where(a => a.Path == area.Path || a.Path.StartsWith(prefix));
    }
}
