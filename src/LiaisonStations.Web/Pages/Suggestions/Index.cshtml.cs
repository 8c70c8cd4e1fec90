using LiaisonStations.Domain.Calendar;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Suggestions;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Infrastructure.Security;
using LiaisonStations.Web.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using LiaisonStations.Web.Infrastructure.Caching;

namespace LiaisonStations.Web.Pages.Suggestions;

/// <summary>Suggestions in the user's scope with filters (state, occasion, year, department, overdue, key supervision, search), paging, sorting and XLSX export.</summary>
public sealed class IndexModel(ReadOnlyDb db, CurrentUser me, ListTotals totals, ReferenceData reference, CalendarProvider calendars, AuditTrail audit, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 25;

    public const int MaxExportRows = 50_000;

    [BindProperty(SupportsGet = true)]
    public SuggestionStatus? Status { get; set; }

    /// <summary>One of the user's to-do queues (links from the home page): the same condition as its count there.</summary>
    [BindProperty(SupportsGet = true)]
    public SuggestionQueue? Waiting { get; set; }

    [BindProperty(SupportsGet = true)]
    public SuggestionOccasion? Occasion { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Deputy { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Key { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>Area code (links from the dashboard): suggestions whose lead deputy was elected anywhere under it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    /// <summary>First-reply dates (the dashboard's "answered" figures), inclusive; only answered suggestions match.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? RepliedFrom { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? RepliedTo { get; set; }

    /// <summary>"A", "AB" (implemented: A or B) or "C": the latest reply's category.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Reply { get; set; }

    public IReadOnlyList<ActiveFilter> LinkFilters { get; private set; } = [];

    private Domain.Areas.Area? _area;

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Desc { get; set; }

    [FromQuery(Name = "page")] // not BindProperty: the route value "page" (the page's path) would win over the query string
    public int? PageNumber { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public PagerModel Pager { get; private set; } = null!;

    public IReadOnlyList<(int Id, string Name)> Departments { get; private set; } = [];

    public bool CanDraft => me.CanDraftSuggestions();

    public sealed record Row(long Id, string? Number, string Title, string Lead, SuggestionStatus Status, string? LeadDepartment, DateOnly? DueOn, DueState Due, ReplyCategory? Category, Evaluation? Evaluation, bool KeySupervision, int CoSigners);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Departments = (await reference.DepartmentsAsync(ct)).Select(d => (d.Id, d.Name)).ToList();
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        await ResolveLinkFiltersAsync(ct);
        var query = Filtered(today);
        var total = await totals.CountAsync("suggestions", query, ct);
        var page = PagerModel.PageWithin(PageNumber, total, PageSize);
        Rows = await RowsAsync(Sorted(query).Skip((page - 1) * PageSize).Take(PageSize), today, ct);
        Pager = new PagerModel(page, PageSize, total, Request.Path, CurrentQuery());
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        await ResolveLinkFiltersAsync(ct);
        var rows = await RowsAsync(Sorted(Filtered(today)).Take(MaxExportRows), today, ct);
        string[] headers = [l["Suggestion.Number"], l["Suggestion.Title"], l["Suggestion.Lead"], l["Suggestions.CoSignerCount"], l["Suggestion.Status"], l["Suggestion.LeadDepartment"], l["Suggestion.DueOn"], l["Requests.DueState"], l["Suggestion.ReplyCategory"], l["Suggestion.Evaluation"], l["Suggestion.KeySupervision"]];
        var data = rows.Select(r => (IReadOnlyList<object?>)
        [
            r.Number, r.Title, r.Lead, r.CoSigners, l.Enum(r.Status), r.LeadDepartment, r.DueOn, r.Due == DueState.None ? null : l.Enum(r.Due),
            r.Category?.ToString(), r.Evaluation is { } e ? l.Enum(e) : null, r.KeySupervision,
        ]);
        var title = string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Suggestions.ExportTitle"], Fmt.Date(today), rows.Count);
        await audit.WriteAsync("Export.Suggestions", "Suggestion", null, AuditResult.Success, $"{rows.Count} rows; {Request.QueryString}");
        Response.Headers.ContentDisposition = Xlsx.Disposition($"{l["Suggestions.Title"]}_{Fmt.Date(today)}.xlsx");
        return File(Xlsx.Write(l["Suggestions.Title"], title, headers, data), Xlsx.ContentType);
    }

    private IQueryable<Suggestion> Filtered(DateOnly today)
    {
        var query = db.Suggestions.AsNoTracking().VisibleTo(me);
        if (Waiting is { } queue && WorkQueues.SuggestionQueuesOf(me).Contains(queue))
        {
            query = query.In(queue, me);
        }

        if (Status is { } status && Enum.IsDefined(status))
        {
            query = query.Where(s => s.Status == status);
        }

        if (Occasion is { } occasion && Enum.IsDefined(occasion))
        {
            query = query.Where(s => s.Occasion == occasion);
        }

        if (Year is >= 2000 and <= 2100)
        {
            var from = new DateOnly(Year.Value, 1, 1);
            var to = new DateOnly(Year.Value, 12, 31);
            query = query.Where(s => s.SubmittedOn >= from && s.SubmittedOn <= to);
        }

        if (Department is { } department)
        {
            query = query.Where(s => s.HandlingUnits.Any(u => u.DepartmentId == department));
        }

        if (Deputy is { } deputy)
        {
            query = query.Where(s => s.LeadDeputyId == deputy || s.CoSigners.Any(c => c.DeputyId == deputy));
        }

        if (Overdue)
        {
            query = query.Where(s => (s.Status == SuggestionStatus.Assigned || s.Status == SuggestionStatus.Rehandling) && s.DueOn < today);
        }

        if (Key)
        {
            query = query.Where(s => s.KeySupervision);
        }

        var q = Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            var pattern = "%" + Like.Escape(q.Length > 100 ? q[..100] : q) + "%";
            query = query.Where(s => EF.Functions.ILike(s.Title, pattern, Like.EscapeCharacter) || s.Number == q);
        }

        if (!string.IsNullOrWhiteSpace(Area))
        {
            var areaIds = db.Areas.Within(_area).Select(a => a.Id);
            var deputyIds = db.Deputies.Where(d => d.ConstituencyAreaId != null && areaIds.Contains(d.ConstituencyAreaId.Value)).Select(d => d.Id);
            query = query.Where(s => deputyIds.Contains(s.LeadDeputyId));
        }

        if (RepliedFrom is not null || RepliedTo is not null || !string.IsNullOrEmpty(Reply))
        {
            query = query.Where(s => s.LatestReplyCategory != null);
        }

        if (RepliedFrom is { } repliedFrom)
        {
            query = query.Where(s => s.FirstRepliedOn >= repliedFrom);
        }

        if (RepliedTo is { } repliedTo)
        {
            query = query.Where(s => s.FirstRepliedOn <= repliedTo);
        }

        query = Reply?.ToUpperInvariant() switch
        {
            "A" => query.Where(s => s.LatestReplyCategory == ReplyCategory.A),
            "AB" => query.Where(s => s.LatestReplyCategory == ReplyCategory.A || s.LatestReplyCategory == ReplyCategory.B),
            "C" => query.Where(s => s.LatestReplyCategory == ReplyCategory.C),
            _ => query,
        };

        return query;
    }

    private async Task ResolveLinkFiltersAsync(CancellationToken ct)
    {
        var filters = new List<ActiveFilter>();
        if (Waiting is { } queue && WorkQueues.SuggestionQueuesOf(me).Contains(queue))
        {
            filters.Add(new("waiting", queue.ToString(), l[$"Work.SuggestionQueue.{queue}"], ActiveFilter.Without(Request.Path, CurrentQuery(), "waiting")));
        }

        if (!string.IsNullOrWhiteSpace(Area))
        {
            _area = await AreaFilter.FindAsync(db, Area, ct);
            filters.Add(new("area", Area, $"{l["Dashboard.LeadDeputyArea"]}{l["Common.Colon"]}{_area?.Name ?? Area}", ActiveFilter.Without(Request.Path, CurrentQuery(), "area")));
        }

        if (RepliedFrom is not null || RepliedTo is not null)
        {
            filters.Add(new("repliedFrom", Fmt.Date(RepliedFrom), $"{l["Suggestions.RepliedBetween"]}{l["Common.Colon"]}{Fmt.Date(RepliedFrom)}–{Fmt.Date(RepliedTo)}", ActiveFilter.Without(Request.Path, CurrentQuery(), "repliedFrom", "repliedTo")));
            filters.Add(new("repliedTo", Fmt.Date(RepliedTo), string.Empty, string.Empty));
        }

        if (!string.IsNullOrEmpty(Reply))
        {
            filters.Add(new("reply", Reply, $"{l["Suggestion.ReplyCategory"]}{l["Common.Colon"]}{Reply.ToUpperInvariant()}", ActiveFilter.Without(Request.Path, CurrentQuery(), "reply")));
        }

        LinkFilters = filters;
    }

    private IOrderedQueryable<Suggestion> Sorted(IQueryable<Suggestion> query) => (Sort?.ToLowerInvariant(), Desc) switch
    {
        ("number", false) => query.OrderBy(s => s.Number).ThenBy(s => s.Id),
        ("number", true) => query.OrderByDescending(s => s.Number).ThenByDescending(s => s.Id),
        ("status", false) => query.OrderBy(s => s.Status).ThenByDescending(s => s.Id),
        ("status", true) => query.OrderByDescending(s => s.Status).ThenByDescending(s => s.Id),
        ("due", false) => query.OrderBy(s => s.DueOn == null).ThenBy(s => s.DueOn).ThenBy(s => s.Id),
        ("due", true) => query.OrderByDescending(s => s.DueOn).ThenByDescending(s => s.Id),
        _ => query.OrderByDescending(s => s.Id),
    };

    private async Task<List<Row>> RowsAsync(IQueryable<Suggestion> query, DateOnly today, CancellationToken ct)
    {
        var rows = await query.Select(s => new
        {
            s.Id, s.Number, s.Title, s.Status, s.DueOn, s.LatestReplyCategory, s.LatestEvaluation, s.KeySupervision,
            Lead = db.Deputies.Where(d => d.Id == s.LeadDeputyId).Select(d => d.Name).First(),
            LeadDepartment = s.HandlingUnits.Where(u => u.Role == HandlingRole.Lead).Select(u => db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).First()).FirstOrDefault(),
            CoSigners = s.CoSigners.Count,
        }).ToListAsync(ct);
        var calendar = await calendars.GetAsync(ct);
        return rows.Select(r => new Row(r.Id, r.Number, r.Title, r.Lead, r.Status, r.LeadDepartment, r.DueOn,
            calendar.StateOf(r.DueOn, today, r.Status is SuggestionStatus.Assigned or SuggestionStatus.Rehandling), r.LatestReplyCategory, r.LatestEvaluation, r.KeySupervision, r.CoSigners)).ToList();
    }

    public IReadOnlyDictionary<string, string?> CurrentQuery() => new Dictionary<string, string?>
    {
        ["status"] = Status?.ToString(),
        ["waiting"] = Waiting?.ToString(),
        ["occasion"] = Occasion?.ToString(),
        ["year"] = Year?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["department"] = Department?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["deputy"] = Deputy?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["overdue"] = Overdue ? "true" : null,
        ["key"] = Key ? "true" : null,
        ["q"] = Q,
        ["area"] = Area,
        ["repliedFrom"] = Fmt.Date(RepliedFrom),
        ["repliedTo"] = Fmt.Date(RepliedTo),
        ["reply"] = Reply,
        ["sort"] = Sort,
        ["desc"] = Desc ? "true" : null,
    };

    public string ExportUrl() => QueryHelpers.AddQueryString(Request.Path, CurrentQuery().Where(kv => !string.IsNullOrEmpty(kv.Value)).Append(new("handler", "Export")));

    public SortHeaderModel Header(string label, string key) => new(label, key, Sort ?? "id", Desc, Request.Path, CurrentQuery());
}
