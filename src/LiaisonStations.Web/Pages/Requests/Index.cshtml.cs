using LiaisonStations.Domain.Calendar;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Requests;

/// <summary>Citizen requests in the user's scope: filtered, searched, paged, with the deadline colours and personal data masked by policy.</summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me, CalendarProvider calendars, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public RequestStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public PagerModel Pager { get; private set; } = null!;

    public sealed record Row(long Id, string Number, DateOnly RegisteredOn, string Station, string Category, string Summary, string? Citizen, RequestStatus Status, DateOnly? DueOn, DueState Due);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var query = db.CitizenRequests.AsNoTracking().VisibleTo(me, db.Stations);
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

        var q = Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            var pattern = "%" + Like.Escape(q) + "%";
            query = query.Where(r => EF.Functions.Like(r.Summary, pattern, Like.EscapeCharacter) || r.TrackingNumber == q);
        }

        var total = await query.CountAsync(ct);
        var page = PagerModel.PageWithin(PageNumber, total, PageSize);
        var rows = await query
            .OrderByDescending(r => r.RegisteredOn).ThenByDescending(r => r.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(r => new
            {
                r.Id,
                r.TrackingNumber,
                r.RegisteredOn,
                r.StationId,
                Station = db.Stations.Where(s => s.Id == r.StationId).Select(s => s.Name).First(),
                Category = db.RequestCategories.Where(c => c.Id == r.CategoryId).Select(c => c.Name).First(),
                r.Summary,
                r.CitizenName,
                r.Status,
                r.DueOn,
                Deputies = r.Deputies.Select(d => d.DeputyId).ToList(),
                Disclosed = me.DepartmentId != null && r.Referrals.Any(f => f.DepartmentId == me.DepartmentId && f.IdentityDisclosed),
            })
            .ToListAsync(ct);
        var calendar = await calendars.GetAsync(ct);
        Rows = rows.Select(r =>
        {
            var clear = PersonalDataPolicy.ViewFor(me, r.StationId, r.Deputies, r.Disclosed) == PersonalDataView.Clear;
            return new Row(r.Id, r.TrackingNumber, r.RegisteredOn, r.Station, r.Category, r.Summary.Length > 60 ? r.Summary[..60] + "…" : r.Summary,
                PersonalDataPolicy.Name(r.CitizenName, clear), r.Status, r.DueOn, calendar.StateOf(r.DueOn, today, RequestWorkflow.IsOpen(r.Status)));
        }).ToList();
        Pager = new PagerModel(page, PageSize, total, Request.Path, new Dictionary<string, string?>
        {
            ["status"] = Status?.ToString(),
            ["overdue"] = Overdue ? "true" : null,
            ["q"] = Q,
            ["from"] = Fmt.Date(From),
            ["to"] = Fmt.Date(To),
        });
    }
}
