using System.Globalization;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using LiaisonStations.Web.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.ReceptionDays;

/// <summary>
/// Activities as a list across stations (the calendar shows one month): filtered by area, station, dates,
/// kind and status, with the totals the dashboard reports — how many, deputies attending, citizens received,
/// distinct reporting deputies — computed over the whole filtered set, not the page.
/// </summary>
public sealed class ListModel(ReadOnlyDb db, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Station { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>"reception" (reception and themed reception days, the dashboard's 接待日), "duty" (duty reports), or a single type.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public ReceptionDayStatus? Status { get; set; }

    [FromQuery(Name = "page")] // not BindProperty: the route value "page" (the page's path) would win over the query string
    public int? PageNumber { get; set; }

    public IReadOnlyList<(int Id, string Name)> Stations { get; private set; } = [];

    public IReadOnlyList<ActiveFilter> LinkFilters { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public PagerModel Pager { get; private set; } = null!;

    public Totals Sum { get; private set; } = new(0, 0, 0, 0);

    public sealed record Row(int Id, DateOnly Date, string Station, ReceptionDayType Type, string? Theme, ReceptionDayStatus Status, int DeputiesAttended, int CitizensReceived);

    public sealed record Totals(int Days, int DeputiesAttended, int CitizensReceived, int ReportingDeputies);

    public static readonly (string Key, ReceptionDayType[] Types)[] Kinds =
    [
        ("reception", [ReceptionDayType.Reception, ReceptionDayType.ThemedReception]),
        ("duty", [ReceptionDayType.DutyReport]),
        .. Enum.GetValues<ReceptionDayType>().Select(t => (t.ToString(), new[] { t })),
    ];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var stations = db.Stations.AsNoTracking().VisibleTo(me);
        Stations = (await stations.OrderBy(s => s.AreaPath).ThenBy(s => s.Name).Select(s => new { s.Id, s.Name }).Take(2000).ToListAsync(ct))
            .Select(s => (s.Id, s.Name)).ToList();

        var query = db.ReceptionDays.AsNoTracking().VisibleTo(me, db.Stations);
        var filters = new List<ActiveFilter>();
        if (!string.IsNullOrWhiteSpace(Area))
        {
            var area = await AreaFilter.FindAsync(db, Area, ct);
            var ids = db.Stations.Within(area).Select(s => s.Id);
            query = query.Where(d => ids.Contains(d.StationId));
            filters.Add(new("area", Area, $"{l["Dashboard.Area"]}{l["Common.Colon"]}{area?.Name ?? Area}", ActiveFilter.Without(Request.Path, CurrentQuery(), "area")));
        }

        LinkFilters = filters;
        if (Station is { } station)
        {
            query = query.Where(d => d.StationId == station);
        }

        if (From is { } from)
        {
            query = query.Where(d => d.Date >= from);
        }

        if (To is { } to)
        {
            query = query.Where(d => d.Date <= to);
        }

        if (Kinds.FirstOrDefault(k => string.Equals(k.Key, Kind, StringComparison.OrdinalIgnoreCase)).Types is { } types)
        {
            query = query.Where(d => types.Contains(d.Type));
        }

        if (Status is { } status && Enum.IsDefined(status))
        {
            query = query.Where(d => d.Status == status);
        }

        var totals = await query.GroupBy(_ => 1)
            .Select(g => new { Days = g.Count(), Deputies = g.Sum(d => d.DeputiesAttended), Citizens = g.Sum(d => d.CitizensReceived) })
            .FirstOrDefaultAsync(ct);
        // Reporting deputies as the dashboard counts them: attending a duty report, or with votes recorded.
        var duty = query.Where(d => d.Type == ReceptionDayType.DutyReport);
        var reporting = await duty.SelectMany(d => d.Deputies.Where(a => a.Attended)).Select(a => a.DeputyId)
            .Union(duty.SelectMany(d => d.DutyReports).Select(e => e.DeputyId))
            .Distinct().CountAsync(ct);
        Sum = new Totals(totals?.Days ?? 0, totals?.Deputies ?? 0, totals?.Citizens ?? 0, reporting);

        var page = PagerModel.PageWithin(PageNumber, Sum.Days, PageSize);
        Rows = await query.OrderByDescending(d => d.Date).ThenBy(d => d.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(d => new Row(d.Id, d.Date, db.Stations.Where(s => s.Id == d.StationId).Select(s => s.Name).First(), d.Type, d.Theme, d.Status, d.DeputiesAttended, d.CitizensReceived))
            .ToListAsync(ct);
        Pager = new PagerModel(page, PageSize, Sum.Days, Request.Path, CurrentQuery());
    }

    public IReadOnlyDictionary<string, string?> CurrentQuery() => new Dictionary<string, string?>
    {
        ["area"] = Area,
        ["station"] = Station?.ToString(CultureInfo.InvariantCulture),
        ["from"] = Fmt.Date(From),
        ["to"] = Fmt.Date(To),
        ["kind"] = Kind,
        ["status"] = Status?.ToString(),
    };
}
