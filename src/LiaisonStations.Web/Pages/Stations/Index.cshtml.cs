using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Stations;

/// <summary>The station directory: paged, filtered by district, kind, host type and status, searched by name or code.</summary>
public sealed class IndexModel(AppDbContext db, StationLookups lookups) : PageModel
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

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Desc { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }

    public IReadOnlyList<AreaOption> Districts { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public PagerModel Pager { get; private set; } = null!;

    public sealed record Row(int Id, string Code, string Name, StationKind Kind, HostType HostType, string AreaName, string? DistrictName, DateOnly OpenedOn, StationStatus Status, bool IsLegislativeContactPoint);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Districts = await lookups.DistrictsAsync(ct);
        var query = db.Stations.AsNoTracking();
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

        var total = await query.CountAsync(ct);
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
        var page = PagerModel.Clamp(PageNumber);
        var pageCount = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
        page = Math.Min(page, pageCount);
        var rows = await query
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Join(db.Areas, s => s.AreaId, a => a.Id, (s, a) => new { s, AreaName = a.Name })
            .Select(x => new { x.s.Id, x.s.Code, x.s.Name, x.s.Kind, x.s.HostType, x.AreaName, x.s.AreaPath, x.s.OpenedOn, x.s.Status, x.s.IsLegislativeContactPoint })
            .ToListAsync(ct);
        var districtNames = Districts.ToDictionary(d => d.Code, d => d.Name);
        Rows = rows.Select(r => new Row(
            r.Id, r.Code, r.Name, r.Kind, r.HostType, r.AreaName,
            AreaOption.DistrictCodeOf(r.AreaPath) is { } dc && districtNames.TryGetValue(dc, out var dn) ? dn : null,
            r.OpenedOn, r.Status, r.IsLegislativeContactPoint)).ToList();
        Pager = new PagerModel(page, PageSize, total, Request.Path, CurrentQuery());
    }

    public IReadOnlyDictionary<string, string?> CurrentQuery() => new Dictionary<string, string?>
    {
        ["district"] = District,
        ["kind"] = Kind?.ToString(),
        ["host"] = Host?.ToString(),
        ["status"] = Status?.ToString(),
        ["q"] = Q,
        ["sort"] = Sort,
        ["desc"] = Desc ? "true" : null,
    };

    public SortHeaderModel Header(string label, string key) => new(label, key, Sort ?? "code", Desc, Request.Path, CurrentQuery());
}
