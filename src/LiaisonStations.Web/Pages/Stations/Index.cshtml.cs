using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using LiaisonStations.Web.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using LiaisonStations.Web.Infrastructure.Caching;

namespace LiaisonStations.Web.Pages.Stations;

/// <summary>The station directory: paged, filtered by district, kind, host type and status, searched by name or code.</summary>
public sealed class IndexModel(ReadOnlyDb db, StationLookups lookups, CurrentUser me, ListTotals totals, Infrastructure.Auditing.AuditTrail audit, TimeProvider clock, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public string? District { get; set; }

    [BindProperty(SupportsGet = true)]
    public StationKind? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "host")]
    public HostType? Host { get; set; }

    [BindProperty(SupportsGet = true)]
    public StationStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>Area code of any level (links from the dashboard): stations anywhere under it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    /// <summary>Stations whose latest approved star rating (of a year up to <see cref="StarYear"/>) has this many stars.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Stars { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? StarYear { get; set; }

    /// <summary>Stations active on a day (links from a dashboard's period): opened by then and not closed by then.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? ActiveOn { get; set; }

    public IReadOnlyList<ActiveFilter> LinkFilters { get; private set; } = [];

    private Domain.Areas.Area? _area;

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Desc { get; set; }

    [FromQuery(Name = "page")] // not BindProperty: the route value "page" (the page's path) would win over the query string
    public int? PageNumber { get; set; }

    public IReadOnlyList<AreaOption> Districts { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public PagerModel Pager { get; private set; } = null!;

    public bool CanManage => me.CanManageStations();

    public sealed record Row(int Id, string Code, string Name, StationKind Kind, HostType HostType, string AreaName, string? DistrictName, DateOnly OpenedOn, StationStatus Status, bool IsLegislativeContactPoint, int? Stars = null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Districts = await lookups.DistrictsAsync(ct);
        await ResolveLinkFiltersAsync(ct);
        var query = Filtered();
        var total = await totals.CountAsync("stations", query, ct);
        query = (Sort?.ToLowerInvariant(), Desc) switch
        {
            ("name", false) => query.OrderBy(s => s.Name).ThenBy(s => s.Id),
            ("name", true) => query.OrderByDescending(s => s.Name).ThenBy(s => s.Id),
            ("kind", false) => query.OrderBy(s => s.Kind).ThenBy(s => s.Code),
            ("kind", true) => query.OrderByDescending(s => s.Kind).ThenBy(s => s.Code),
            ("opened", false) => query.OrderBy(s => s.OpenedOn).ThenBy(s => s.Id),
            ("opened", true) => query.OrderByDescending(s => s.OpenedOn).ThenBy(s => s.Id),
            ("district", false) => query.OrderBy(s => s.AreaPath).ThenBy(s => s.Id),
            ("district", true) => query.OrderByDescending(s => s.AreaPath).ThenBy(s => s.Id),
            (_, true) => query.OrderByDescending(s => s.Code),
            _ => query.OrderBy(s => s.Code),
        };
        var page = PagerModel.PageWithin(PageNumber, total, PageSize);
        var rows = await query
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Join(db.Areas, s => s.AreaId, a => a.Id, (s, a) => new { s, AreaName = a.Name })
            .Select(x => new
            {
                x.s.Id, x.s.Code, x.s.Name, x.s.Kind, x.s.HostType, x.AreaName, x.s.AreaPath, x.s.OpenedOn, x.s.Status, x.s.IsLegislativeContactPoint,
                // The latest approved star rating, shown beside the name.
                Stars = db.StationStarRatings.Where(r => r.StationId == x.s.Id && r.Stage == HonourStage.Approved).OrderByDescending(r => r.Year).Select(r => r.Stars).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var districtNames = Districts.ToDictionary(d => d.Code, d => d.Name);
        Rows = rows.Select(r => new Row(
            r.Id, r.Code, r.Name, r.Kind, r.HostType, r.AreaName,
            LiaisonStations.Domain.Areas.Area.DistrictCodeOf(r.AreaPath) is { } dc && districtNames.TryGetValue(dc, out var dn) ? dn : null,
            r.OpenedOn, r.Status, r.IsLegislativeContactPoint, r.Stars)).ToList();
        Pager = new PagerModel(page, PageSize, total, Request.Path, CurrentQuery());
    }

    /// <summary>The stations in scope that match the filters (shared by the page and its export).</summary>
    private IQueryable<Station> Filtered()
    {
        var query = db.Stations.AsNoTracking().VisibleTo(me);
        var district = Districts.FirstOrDefault(d => d.Code == District);
        if (district is not null)
        {
            var prefix = district.Path + ".";
            query = query.Where(s => s.AreaPath == district.Path || s.AreaPath.StartsWith(prefix));
        }

        if (Kind is { } kind && Enum.IsDefined(kind))
        {
            query = query.Where(s => s.Kind == kind);
        }

        if (Host is { } host && Enum.IsDefined(host))
        {
            query = query.Where(s => s.HostType == host);
        }

        if (Status is { } status && Enum.IsDefined(status))
        {
            query = query.Where(s => s.Status == status);
        }

        var q = Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            var pattern = "%" + Like.Escape(q) + "%";
            query = query.Where(s => EF.Functions.ILike(s.Name, pattern, Like.EscapeCharacter) || EF.Functions.ILike(s.Code, pattern, Like.EscapeCharacter));
        }

        if (!string.IsNullOrWhiteSpace(Area))
        {
            query = query.Within(_area);
        }

        if (ActiveOn is { } day)
        {
            query = query.Where(s => s.OpenedOn <= day && (s.ClosedOn == null || s.ClosedOn > day));
        }

        if (Stars is { } stars)
        {
            var year = StarYear ?? int.MaxValue;
            query = query.Where(s => db.StationStarRatings
                .Where(r => r.StationId == s.Id && r.Stage == HonourStage.Approved && r.Year <= year)
                .OrderByDescending(r => r.Year).Select(r => r.Stars).FirstOrDefault() == stars);
        }

        return query;
    }

    private async Task ResolveLinkFiltersAsync(CancellationToken ct)
    {
        var filters = new List<ActiveFilter>();
        if (!string.IsNullOrWhiteSpace(Area))
        {
            _area = await AreaFilter.FindAsync(db, Area, ct);
            filters.Add(new("area", Area, $"{l["Dashboard.Area"]}{l["Common.Colon"]}{_area?.Name ?? Area}", ActiveFilter.Without(Request.Path, CurrentQuery(), "area")));
        }

        if (ActiveOn is { } day)
        {
            filters.Add(new("activeOn", Fmt.Date(day), l["Stations.ActiveOnFilter", Fmt.Date(day)], ActiveFilter.Without(Request.Path, CurrentQuery(), "activeOn")));
        }

        if (Stars is { } stars)
        {
            filters.Add(new("stars", stars.ToString(System.Globalization.CultureInfo.InvariantCulture), l["Stations.StarFilter", stars], ActiveFilter.Without(Request.Path, CurrentQuery(), "stars", "starYear")));
            if (StarYear is { } starYear)
            {
                filters.Add(new("starYear", starYear.ToString(System.Globalization.CultureInfo.InvariantCulture), l["Stations.StarYearFilter", starYear], ActiveFilter.Without(Request.Path, CurrentQuery(), "starYear")));
            }
        }

        LinkFilters = filters;
    }

    /// <summary>The filtered list as an XLSX file (audited; the directory holds no personal data).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        Districts = await lookups.DistrictsAsync(ct);
        await ResolveLinkFiltersAsync(ct);
        var rows = await Filtered()
            .OrderBy(s => s.Code)
            .Take(MaxExportRows)
            .Join(db.Areas, s => s.AreaId, a => a.Id, (s, a) => new { s.Code, s.Name, s.Kind, s.HostType, s.AreaPath, AreaName = a.Name, s.Address, s.ContactPhone, s.OpenedOn, s.Status, s.IsLegislativeContactPoint })
            .ToListAsync(ct);
        var districtNames = Districts.ToDictionary(d => d.Code, d => d.Name);
        var today = Domain.Common.ChinaTime.DateOf(clock.GetUtcNow());
        var headers = new[] { l["Station.Code"].Value, l["Station.Name"], l["Station.Kind"], l["Station.HostType"], l["Station.District"], l["Station.Area"], l["Station.Address"], l["Station.ContactPhone"], l["Station.OpenedOn"], l["Station.Status"], l["Station.IsLegislativeContactPoint"] };
        var data = rows.Select(r => (IReadOnlyList<object?>)
        [
            r.Code, r.Name, l[$"Enum.StationKind.{r.Kind}"].Value, l[$"Enum.HostType.{r.HostType}"].Value,
            LiaisonStations.Domain.Areas.Area.DistrictCodeOf(r.AreaPath) is { } dc && districtNames.TryGetValue(dc, out var dn) ? dn : null,
            r.AreaName, r.Address, r.ContactPhone, r.OpenedOn, l[$"Enum.StationStatus.{r.Status}"].Value, r.IsLegislativeContactPoint,
        ]);
        var title = string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Stations.ExportTitle"], Infrastructure.Fmt.Date(today), rows.Count);
        var bytes = Infrastructure.Xlsx.Write(l["Stations.Title"], title, headers, data);
        await audit.WriteAsync("Export.Stations", "Station", null, Infrastructure.Auditing.AuditResult.Success, $"{rows.Count} rows; {Request.QueryString}");
        Response.Headers.ContentDisposition = Infrastructure.Xlsx.Disposition($"{l["Stations.Title"]}_{Infrastructure.Fmt.Date(today)}.xlsx");
        return File(bytes, Infrastructure.Xlsx.ContentType);
    }

    public const int MaxExportRows = 50_000;

    public IReadOnlyDictionary<string, string?> CurrentQuery() => new Dictionary<string, string?>
    {
        ["district"] = District,
        ["kind"] = Kind?.ToString(),
        ["host"] = Host?.ToString(),
        ["status"] = Status?.ToString(),
        ["q"] = Q,
        ["area"] = Area,
        ["stars"] = Stars?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["starYear"] = StarYear?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["activeOn"] = ActiveOn is { } activeOn ? Fmt.Date(activeOn) : null,
        ["sort"] = Sort,
        ["desc"] = Desc ? "true" : null,
    };

    public string ExportUrl() => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
        Request.Path,
        CurrentQuery().Where(kv => !string.IsNullOrEmpty(kv.Value)).Append(new("handler", "Export")));

    public SortHeaderModel Header(string label, string key) => new(label, key, Sort ?? "code", Desc, Request.Path, CurrentQuery());
}
