using LiaisonStations.Domain.Calendar;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Infrastructure.Caching;
using LiaisonStations.Web.Infrastructure.Security;
using LiaisonStations.Web.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Requests;

/// <summary>
/// Citizen requests in the user's scope: filtered, searched (pg_trgm index on the summary), sorted, paged,
/// with the deadline colours and personal data masked by policy; the same filters export to XLSX and CSV.
/// </summary>
public sealed class IndexModel(
    ReadOnlyDb db,
    CurrentUser me,
    ListTotals totals,
    ReferenceData reference,
    CalendarProvider calendars,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 25;

    public const int MaxExportRows = 50_000;

    [BindProperty(SupportsGet = true)]
    public RequestStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    /// <summary>One of the user's to-do queues (links from the home page): the same condition as its count there.</summary>
    [BindProperty(SupportsGet = true)]
    public RequestQueue? Waiting { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>Clerks and deputies see their requests' citizens as entered, so they may find them by name or phone.</summary>
    public bool SearchesPersonalData => me.IsClerk || me.IsDeputy;

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Station { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Deputy { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public RequestChannel? Channel { get; set; }

    /// <summary>Whether the form's filters narrow the list (on a phone the filter panel then starts open).</summary>
    public bool HasFilters => Status is not null || Overdue || !string.IsNullOrWhiteSpace(Q) || From is not null || To is not null || Category is not null || Station is not null || Channel is not null;

    /// <summary>Area code (links from the dashboard): requests of stations anywhere under it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    /// <summary>Resolution dates (the dashboard's "resolved" figure), inclusive.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? ResolvedFrom { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? ResolvedTo { get; set; }

    public IReadOnlyList<ActiveFilter> LinkFilters { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Desc { get; set; }

    [FromQuery(Name = "page")] // not BindProperty: the route value "page" (the page's path) would win over the query string
    public int? PageNumber { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public PagerModel Pager { get; private set; } = null!;

    public IReadOnlyList<(int Id, string Name)> Categories { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Stations { get; private set; } = [];

    /// <summary>
    /// Above this many stations (a city's staff: hundreds) the station filter lists the stations of one district, chosen
    /// first: a list of 800 names is no choice and would be half of every list page's weight.
    /// </summary>
    public const int StationsBeforeDistrictChoice = 60;

    /// <summary>The districts to choose from first; empty when the user's stations are few enough to list at once.</summary>
    public IReadOnlyList<(string Code, string Name)> Districts { get; private set; } = [];

    /// <summary>Whether the area filter is the district chosen in the form (rather than a link's area, shown as a badge).</summary>
    public bool DistrictChosenInForm => Districts.Count > 0 && (string.IsNullOrWhiteSpace(Area) || Districts.Any(d => d.Code == Area));

    public IReadOnlyList<(int Id, string Name)> Departments { get; private set; } = [];

    public string? DeputyName { get; private set; }

    public bool CanRegister => me.CanRegisterRequests();

    /// <summary>A row of the list; <c>Online</c> marks a citizen's own submission (a badge, so the clerk takes it up).</summary>
    public sealed record Row(long Id, string Number, DateOnly RegisteredOn, string Station, string Category, string Summary, string? Citizen, RequestStatus Status, DateOnly? DueOn, DueState Due, bool Online);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadOptionsAsync(ct);
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var query = await FilteredAsync(today, ct);
        var total = await totals.CountAsync("requests", query, ct);
        var page = PagerModel.PageWithin(PageNumber, total, PageSize);
        var rows = await ProjectAsync(Sorted(query).Skip((page - 1) * PageSize).Take(PageSize), withDeputies: me.IsDeputy, ct);
        var calendar = await calendars.GetAsync(ct);
        Rows = rows.Select(r => new Row(
            r.Id, r.TrackingNumber, r.RegisteredOn, r.Station, r.Category, r.Summary.Length > 60 ? r.Summary[..60] + "…" : r.Summary,
            PersonalDataPolicy.Name(r.CitizenName, Clear(r)), r.Status, r.DueOn, calendar.StateOf(r.DueOn, today, RequestWorkflow.IsOpen(r.Status)), r.Channel == RequestChannel.Online)).ToList();
        Pager = new PagerModel(page, PageSize, total, Request.Path, CurrentQuery());
    }

    /// <summary>The filtered list as XLSX (format=xlsx) or CSV (format=csv); audited, personal data masked as on screen.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var rows = await ProjectAsync(Sorted(await FilteredAsync(today, ct)).Take(MaxExportRows), withDeputies: true, ct);
        var calendar = await calendars.GetAsync(ct);
        var deputyIds = rows.SelectMany(r => r.Deputies).Distinct().ToList();
        var deputyNames = await db.Deputies.AsNoTracking().Where(d => deputyIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var headers = new[]
        {
            l["Request.Number"].Value, l["Request.RegisteredOn"], l["Request.Station"], l["Request.Channel"], l["Request.Category"], l["Request.Summary"], l["Request.Deputies"],
            l["Request.CitizenName"], l["Request.CitizenPhone"], l["Request.Status"], l["Referral.Department"], l["Request.DueOn"], l["Requests.DueState"],
            l["Request.ResolvedOn"], l["Step.Evaluation"],
        };
        var data = rows.Select(r =>
        {
            var clear = Clear(r);
            var due = calendar.StateOf(r.DueOn, today, RequestWorkflow.IsOpen(r.Status));
            return (IReadOnlyList<object?>)
            [
                r.TrackingNumber, r.RegisteredOn, r.Station, l.Enum(r.Channel), r.Category, r.Summary, string.Join("、", r.Deputies.Select(id => deputyNames.GetValueOrDefault(id) ?? "?")),
                PersonalDataPolicy.Name(r.CitizenName, clear), PersonalDataPolicy.Phone(r.CitizenPhone, clear), l.Enum(r.Status), r.Department, r.DueOn,
                due == DueState.None ? null : l.Enum(due), r.ResolvedOn, r.LatestEvaluation is { } e ? l.Enum(e) : null,
            ];
        }).ToList();
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        await audit.WriteAsync(csv ? "Export.RequestsCsv" : "Export.Requests", "CitizenRequest", null, AuditResult.Success, $"{rows.Count} rows; {Request.QueryString}");
        var name = $"{l["Requests.Title"]}_{Fmt.Date(today)}";
        if (csv)
        {
            Response.Headers.ContentDisposition = Csv.Disposition(name + ".csv");
            return File(Csv.Write(headers, data), Csv.ContentType);
        }

        var title = string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Requests.ExportTitle"], Fmt.Date(today), rows.Count);
        Response.Headers.ContentDisposition = Xlsx.Disposition(name + ".xlsx");
        return File(Xlsx.Write(l["Requests.Title"], title, headers, data), Xlsx.ContentType);
    }

    private async Task<IQueryable<CitizenRequest>> FilteredAsync(DateOnly today, CancellationToken ct)
    {
        var query = (await db.VisibleRequestsAsync(me, ct)).AsNoTracking();
        var filters = new List<ActiveFilter>();
        if (Waiting is { } queue && WorkQueues.RequestQueuesOf(me).Contains(queue))
        {
            query = query.In(queue, me, today);
            filters.Add(new("waiting", queue.ToString(), l[$"Work.RequestQueue.{queue}"], ActiveFilter.Without(Request.Path, CurrentQuery(), "waiting")));
        }

        if (!string.IsNullOrWhiteSpace(Area))
        {
            var area = await AreaFilter.FindAsync(db, Area, ct);
            var stationIds = db.Stations.Within(area).Select(s => s.Id);
            query = query.Where(r => stationIds.Contains(r.StationId));
            if (!DistrictChosenInForm)
            {
                filters.Add(new("area", Area, $"{l["Dashboard.Area"]}{l["Common.Colon"]}{area?.Name ?? Area}", ActiveFilter.Without(Request.Path, CurrentQuery(), "area")));
            }
        }

        if (ResolvedFrom is { } resolvedFrom)
        {
            query = query.Where(r => r.ResolvedOn >= resolvedFrom);
        }

        if (ResolvedTo is { } resolvedTo)
        {
            query = query.Where(r => r.ResolvedOn <= resolvedTo);
        }

        if (ResolvedFrom is not null || ResolvedTo is not null)
        {
            filters.Add(new("resolvedFrom", Fmt.Date(ResolvedFrom), $"{l["Requests.ResolvedBetween"]}{l["Common.Colon"]}{Fmt.Date(ResolvedFrom)}–{Fmt.Date(ResolvedTo)}", ActiveFilter.Without(Request.Path, CurrentQuery(), "resolvedFrom", "resolvedTo")));
            filters.Add(new("resolvedTo", Fmt.Date(ResolvedTo), string.Empty, string.Empty));
        }

        LinkFilters = filters;
        if (Status is { } status && Enum.IsDefined(status))
        {
            query = query.Where(r => r.Status == status);
        }

        if (Overdue)
        {
            var open = RequestWorkflow.Open.ToArray();
            query = query.Where(r => open.Contains(r.Status) && r.DueOn < today);
        }

        if (From is { } from)
        {
            query = query.Where(r => r.RegisteredOn >= from);
        }

        if (To is { } to)
        {
            query = query.Where(r => r.RegisteredOn <= to);
        }

        if (Category is { } category)
        {
            query = query.Where(r => r.CategoryId == category);
        }

        if (Station is { } station)
        {
            query = query.Where(r => r.StationId == station);
        }

        if (Deputy is { } deputy)
        {
            query = query.Where(r => r.Deputies.Any(d => d.DeputyId == deputy));
        }

        if (Department is { } department)
        {
            query = query.Where(r => r.CurrentDepartmentId == department);
        }

        if (Channel is { } channel && Enum.IsDefined(channel))
        {
            query = query.Where(r => r.Channel == channel);
        }

        var q = Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            query = RequestSearch.Matching(query, q.Length > 100 ? q[..100] : q, SearchesPersonalData);
        }

        return query;
    }

    private IOrderedQueryable<CitizenRequest> Sorted(IQueryable<CitizenRequest> query) => (Sort?.ToLowerInvariant(), Desc) switch
    {
        ("number", false) => query.OrderBy(r => r.TrackingNumber),
        ("number", true) => query.OrderByDescending(r => r.TrackingNumber),
        ("status", false) => query.OrderBy(r => r.Status).ThenByDescending(r => r.Id),
        ("status", true) => query.OrderByDescending(r => r.Status).ThenByDescending(r => r.Id),
        ("due", false) => query.OrderBy(r => r.DueOn == null).ThenBy(r => r.DueOn).ThenBy(r => r.Id),
        ("due", true) => query.OrderByDescending(r => r.DueOn).ThenByDescending(r => r.Id),
        ("registered", false) => query.OrderBy(r => r.RegisteredOn).ThenBy(r => r.Id),
        _ => query.OrderByDescending(r => r.RegisteredOn).ThenByDescending(r => r.Id),
    };

    private sealed record Projected(
        long Id, string TrackingNumber, DateOnly RegisteredOn, int StationId, string Station, RequestChannel Channel, string Category, string Summary,
        string? CitizenName, string? CitizenPhone, RequestStatus Status, string? Department, DateOnly? DueOn, DateOnly? ResolvedOn, Evaluation? LatestEvaluation)
    {
        public IReadOnlyList<int> Deputies { get; set; } = [];

        public bool Disclosed { get; set; }
    }

    /// <summary>
    /// The rows of one page (or an export), then — for those ids only — the assigned deputies and the
    /// referrals that decide what personal data the user sees: the filter runs once, not once per collection.
    /// The deputies are read only where they matter: a deputy sees in clear what is assigned to them, and the
    /// export lists them; for everyone else they change nothing, and a round trip is a fifth of the page.
    /// </summary>
    private async Task<List<Projected>> ProjectAsync(IQueryable<CitizenRequest> query, bool withDeputies, CancellationToken ct)
    {
        var rows = await query.Select(r => new Projected(
            r.Id,
            r.TrackingNumber,
            r.RegisteredOn,
            r.StationId,
            db.Stations.Where(s => s.Id == r.StationId).Select(s => s.Name).First(),
            r.Channel,
            db.RequestCategories.Where(c => c.Id == r.CategoryId).Select(c => Fmt.English && c.EnglishName != null ? c.EnglishName : c.Name).First(),
            r.Summary,
            r.CitizenName,
            r.CitizenPhone,
            r.Status,
            db.Departments.Where(d => d.Id == r.CurrentDepartmentId).Select(d => d.Name).FirstOrDefault(),
            r.DueOn,
            r.ResolvedOn,
            r.LatestEvaluation)).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return rows;
        }

        var ids = rows.Select(r => r.Id).ToArray();
        var deputies = withDeputies
            ? await db.CitizenRequests.AsNoTracking().Where(r => ids.Contains(r.Id))
                .SelectMany(r => r.Deputies.Select(d => new { RequestId = r.Id, d.DeputyId }))
                .ToListAsync(ct)
            : [];
        var disclosed = me.DepartmentId is { } department
            ? (await db.CitizenRequests.AsNoTracking().Where(r => ids.Contains(r.Id) && r.Referrals.Any(f => f.DepartmentId == department && f.IdentityDisclosed)).Select(r => r.Id).ToListAsync(ct)).ToHashSet()
            : [];
        var byRequest = deputies.ToLookup(d => d.RequestId, d => d.DeputyId);
        foreach (var row in rows)
        {
            row.Deputies = byRequest[row.Id].ToList();
            row.Disclosed = disclosed.Contains(row.Id);
        }

        return rows;
    }

    private bool Clear(Projected r) => PersonalDataPolicy.ViewFor(me, r.StationId, r.Deputies, r.Disclosed) == PersonalDataView.Clear;

    private async Task LoadOptionsAsync(CancellationToken ct)
    {
        Categories = (await reference.CategoriesAsync(ct)).Select(c => (c.Id, c.Label)).ToList();
        if (!me.IsDepartmentLiaison && !me.IsDeputy)
        {
            var stations = await reference.StationsVisibleToAsync(me, ct);
            if (stations.Count > StationsBeforeDistrictChoice)
            {
                Districts = (await reference.DistrictsAsync(ct)).Where(d => me.SeesArea(d.Path)).Select(d => (d.Code, d.Name)).ToList();
                var within = string.IsNullOrWhiteSpace(Area) ? null : (await reference.CityAndDistrictsAsync(ct)).FirstOrDefault(a => a.Code == Area)?.Path
                    ?? await db.Areas.Where(a => a.Code == Area).Select(a => a.Path).FirstOrDefaultAsync(ct);
                stations = within is null
                    ? stations.Where(s => s.Id == Station).ToList()
                    : stations.Where(s => s.AreaPath == within || s.AreaPath.StartsWith(within + ".", StringComparison.Ordinal)).ToList();
            }

            Stations = stations.Select(s => (s.Id, s.Name)).ToList();
        }

        Departments = (await reference.DepartmentsAsync(ct)).Select(d => (d.Id, d.Name)).ToList();
        if (Deputy is { } deputy)
        {
            DeputyName = await db.Deputies.AsNoTracking().VisibleTo(me, db.Stations, db.Areas).Where(d => d.Id == deputy).Select(d => d.Name).FirstOrDefaultAsync(ct);
        }
    }

    public IReadOnlyDictionary<string, string?> CurrentQuery() => new Dictionary<string, string?>
    {
        ["status"] = Status?.ToString(),
        ["overdue"] = Overdue ? "true" : null,
        ["waiting"] = Waiting?.ToString(),
        ["q"] = Q,
        ["from"] = Fmt.Date(From),
        ["to"] = Fmt.Date(To),
        ["category"] = Category?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["station"] = Station?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["deputy"] = Deputy?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["department"] = Department?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["channel"] = Channel?.ToString(),
        ["area"] = Area,
        ["resolvedFrom"] = Fmt.Date(ResolvedFrom),
        ["resolvedTo"] = Fmt.Date(ResolvedTo),
        ["sort"] = Sort,
        ["desc"] = Desc ? "true" : null,
    };

    public string ExportUrl(string format) => QueryHelpers.AddQueryString(
        Request.Path,
        CurrentQuery().Where(kv => !string.IsNullOrEmpty(kv.Value)).Append(new("handler", "Export")).Append(new("format", format)));

    public string WithoutDeputy() => QueryHelpers.AddQueryString(Request.Path, CurrentQuery().Where(kv => kv.Key != "deputy" && !string.IsNullOrEmpty(kv.Value)));

    public SortHeaderModel Header(string label, string key) => new(label, key, Sort ?? "registered", Sort is null || Desc, Request.Path, CurrentQuery());
}
