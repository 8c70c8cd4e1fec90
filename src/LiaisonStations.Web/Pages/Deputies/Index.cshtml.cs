using LiaisonStations.Domain.Deputies;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using LiaisonStations.Web.Statistics;
using LiaisonStations.Web.Pages.Stations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using LiaisonStations.Web.Infrastructure.Caching;

namespace LiaisonStations.Web.Pages.Deputies;

/// <summary>The deputy roster in the user's scope: filters by level, district, station, term, sector, not yet stationed; search by name or code.</summary>
public sealed class IndexModel(ReadOnlyDb db, CurrentUser me, ListTotals totals, StationLookups stationLookups, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 30;

    [BindProperty(SupportsGet = true)]
    public DeputyLevels? Level { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? District { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Station { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Term { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sector { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Unstationed { get; set; }

    /// <summary>Deputies with a current station assignment (the dashboard's entry-rate numerator).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Stationed { get; set; }

    /// <summary>Area code (links from the dashboard): deputies elected (constituency) anywhere under it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    public IReadOnlyList<ActiveFilter> LinkFilters { get; private set; } = [];

    /// <summary>
    /// Deputies in office on a day (links from a dashboard's period): mandate not ended before it; with
    /// <see cref="Stationed"/>, an assignment running that day. Replaces the status filter.
    /// </summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? On { get; set; }

    /// <summary>Active deputies unless "ended" or "all" is asked for.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Desc { get; set; }

    [FromQuery(Name = "page")] // not BindProperty: the route value "page" (the page's path) would win over the query string
    public int? PageNumber { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public PagerModel Pager { get; private set; } = null!;

    public IReadOnlyList<AreaOption> Districts { get; private set; } = [];

    public IReadOnlyList<string> Terms { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Stations { get; private set; } = [];

    public sealed record Row(int Id, string Code, string Name, Gender Gender, DeputyLevels Levels, string Term, string? Sector, DeputyStatus Status, IReadOnlyList<(string Name, AssignmentRole Role)> Stations);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var visibleStations = db.Stations.AsNoTracking().VisibleTo(me);
        if (me.SeesEverything)
        {
            Districts = await stationLookups.DistrictsAsync(ct);
        }

        Stations = (await visibleStations.OrderBy(s => s.AreaPath).ThenBy(s => s.Name).Select(s => new { s.Id, s.Name }).Take(2000).ToListAsync(ct)).Select(s => (s.Id, s.Name)).ToList();
        Terms = await db.Deputies.AsNoTracking().Select(d => d.Term).Distinct().OrderBy(t => t).Take(100).ToListAsync(ct);

        var query = db.Deputies.AsNoTracking().VisibleTo(me, db.Stations, db.Areas);
        query = On is { } inOfficeOn ? query.Where(d => d.Status == DeputyStatus.Active || d.EndedOn >= inOfficeOn) : Status switch
        {
            "all" => query,
            "ended" => query.Where(d => d.Status == DeputyStatus.Ended),
            _ => query.Where(d => d.Status == DeputyStatus.Active),
        };

        if (Level is { } level && level != DeputyLevels.None && Deputy.AllLevels.Contains(level))
        {
            query = query.Where(d => (d.Levels & level) == level);
        }

        if (District is { Length: > 0 } code && Districts.FirstOrDefault(d => d.Code == code) is { } district)
        {
            var prefix = district.Path + ".";
            var stationIds = db.Stations.Where(s => s.AreaPath.StartsWith(prefix)).Select(s => s.Id);
            var areaIds = db.Areas.Where(a => a.Path.StartsWith(prefix)).Select(a => a.Id);
            query = query.Where(d => d.Assignments.Any(a => a.To == null && stationIds.Contains(a.StationId))
                || (d.ConstituencyAreaId != null && areaIds.Contains(d.ConstituencyAreaId.Value)));
        }

        if (Station is { } station)
        {
            query = query.Where(d => d.Assignments.Any(a => a.To == null && a.StationId == station));
        }

        if (!string.IsNullOrWhiteSpace(Term))
        {
            var term = Term.Trim();
            query = query.Where(d => d.Term == term);
        }

        if (!string.IsNullOrWhiteSpace(Sector))
        {
            var pattern = "%" + Like.Escape(Sector.Trim()) + "%";
            query = query.Where(d => d.Sector != null && EF.Functions.Like(d.Sector, pattern, Like.EscapeCharacter));
        }

        if (Unstationed)
        {
            query = query.Where(d => !d.Assignments.Any(a => a.To == null));
        }

        var filters = new List<ActiveFilter>();
        if (On is { } day)
        {
            filters.Add(new("on", Fmt.Date(day), l["Deputies.InOfficeOnFilter", Fmt.Date(day)], ActiveFilter.Without(Request.Path, CurrentQuery(), "on")));
        }

        if (Stationed && On is { } stationedOn)
        {
            query = query.Where(d => d.Assignments.Any(a => a.From <= stationedOn && (a.To == null || a.To >= stationedOn)));
            filters.Add(new("stationed", "true", l["Deputies.StationedOnly"], ActiveFilter.Without(Request.Path, CurrentQuery(), "stationed")));
        }
        else if (Stationed)
        {
            query = query.Where(d => d.Assignments.Any(a => a.To == null));
            filters.Add(new("stationed", "true", l["Deputies.StationedOnly"], ActiveFilter.Without(Request.Path, CurrentQuery(), "stationed")));
        }

        if (!string.IsNullOrWhiteSpace(Area))
        {
            var area = await AreaFilter.FindAsync(db, Area, ct);
            var areaIds = db.Areas.Within(area).Select(a => a.Id);
            query = query.Where(d => d.ConstituencyAreaId != null && areaIds.Contains(d.ConstituencyAreaId.Value));
            filters.Add(new("area", Area, $"{l["Deputy.Constituency"]}{l["Common.Colon"]}{area?.Name ?? Area}", ActiveFilter.Without(Request.Path, CurrentQuery(), "area")));
        }

        LinkFilters = filters;

        var q = Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            var pattern = "%" + Like.Escape(q.Length > 50 ? q[..50] : q) + "%";
            query = query.Where(d => EF.Functions.Like(d.Name, pattern, Like.EscapeCharacter) || d.Code == q);
        }

        var total = await totals.CountAsync("deputies", query, ct);
        var page = PagerModel.PageWithin(PageNumber, total, PageSize);
        var sorted = (Sort?.ToLowerInvariant(), Desc) switch
        {
            ("name", false) => query.OrderBy(d => d.Name).ThenBy(d => d.Id),
            ("name", true) => query.OrderByDescending(d => d.Name).ThenBy(d => d.Id),
            ("term", false) => query.OrderBy(d => d.Term).ThenBy(d => d.Code),
            ("term", true) => query.OrderByDescending(d => d.Term).ThenBy(d => d.Code),
            ("code", true) => query.OrderByDescending(d => d.Code),
            _ => query.OrderBy(d => d.Code),
        };
        var rows = await sorted.Skip((page - 1) * PageSize).Take(PageSize)
            .Select(d => new
            {
                d.Id, d.Code, d.Name, d.Gender, d.Levels, d.Term, d.Sector, d.Status,
                Stations = d.Assignments.Where(a => a.To == null)
                    .Select(a => new { a.Role, Name = db.Stations.Where(s => s.Id == a.StationId).Select(s => s.Name).First() }).ToList(),
            })
            .ToListAsync(ct);
        Rows = rows.Select(r => new Row(r.Id, r.Code, r.Name, r.Gender, r.Levels, r.Term, r.Sector, r.Status,
            r.Stations.OrderBy(s => s.Role).Select(s => (s.Name, s.Role)).ToList())).ToList();
        Pager = new PagerModel(page, PageSize, total, Request.Path, CurrentQuery());
    }

    public IReadOnlyDictionary<string, string?> CurrentQuery() => new Dictionary<string, string?>
    {
        ["level"] = Level?.ToString(),
        ["district"] = District,
        ["station"] = Station?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["term"] = Term,
        ["sector"] = Sector,
        ["unstationed"] = Unstationed ? "true" : null,
        ["stationed"] = Stationed ? "true" : null,
        ["area"] = Area,
        ["on"] = On is { } on ? Fmt.Date(on) : null,
        ["status"] = Status,
        ["q"] = Q,
        ["sort"] = Sort,
        ["desc"] = Desc ? "true" : null,
    };

    public SortHeaderModel Header(string label, string key) => new(label, key, Sort ?? "code", Desc, Request.Path, CurrentQuery());
}
