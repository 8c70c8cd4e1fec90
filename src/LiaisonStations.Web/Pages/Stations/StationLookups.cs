using LiaisonStations.Domain.Areas;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using LiaisonStations.Web.Infrastructure.Caching;

namespace LiaisonStations.Web.Pages.Stations;

/// <summary>
/// Area lists the station pages need, within the user's scope: districts for filters, the areas of one
/// district for the forms (district staff get only their own district).
/// </summary>
public sealed class StationLookups(AppDbContext db, CurrentUser me, ReferenceData reference)
{
    public async Task<IReadOnlyList<AreaOption>> DistrictsAsync(CancellationToken ct)
    {
        var all = await reference.CityAndDistrictsAsync(ct);
        return me.SeesEverything ? all : me.IsDistrictStaff ? all.Where(a => a.Path == me.DistrictPath).ToList() : [];
    }

    /// <summary>Whether the user may place a station in this area.</summary>
    public bool MayUse(Area area) => me.SeesArea(area.Path);

    /// <summary>The district itself, its streets/townships and their communities, in tree order.</summary>
    public async Task<IReadOnlyList<AreaOption>> AreasUnderAsync(string? districtCode, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(districtCode))
        {
            return [];
        }

        var root = await db.Areas.AsNoTracking().Where(a => a.Code == districtCode)
            .Select(a => new AreaOption(a.Id, a.Code, a.Name, a.Level, a.Path)).FirstOrDefaultAsync(ct);
        if (root is null || !me.SeesArea(root.Path))
        {
            return [];
        }

        if (root.Level != AreaLevel.District)
        {
            return [root];
        }

        var prefix = root.Path + ".";
        var below = await db.Areas.AsNoTracking()
            .Where(a => a.Path.StartsWith(prefix))
            .OrderBy(a => a.Path)
            .Select(a => new AreaOption(a.Id, a.Code, a.Name, a.Level, a.Path))
            .ToListAsync(ct);
        return [root, .. below];
    }

    public async Task<StationFormOptions> FormOptionsAsync(string? districtCode, CancellationToken ct) =>
        new(await DistrictsAsync(ct), await AreasUnderAsync(districtCode, ct));

    public Task<Area?> FindAreaAsync(int id, CancellationToken ct) => db.Areas.FirstOrDefaultAsync(a => a.Id == id, ct);

    public async Task<string?> DistrictCodeOfAreaAsync(int areaId, CancellationToken ct)
    {
        var area = await db.Areas.AsNoTracking().Where(a => a.Id == areaId).Select(a => new { a.Path, a.Code, a.Level }).FirstOrDefaultAsync(ct);
        return area is null ? null : area.Level == AreaLevel.City ? area.Code : Area.DistrictCodeOf(area.Path);
    }
}

/// <summary>What the station form needs to render its selects.</summary>
public sealed record StationFormOptions(IReadOnlyList<AreaOption> Districts, IReadOnlyList<AreaOption> Areas)
{
    public static readonly StationFormOptions Empty = new([], []);
}
