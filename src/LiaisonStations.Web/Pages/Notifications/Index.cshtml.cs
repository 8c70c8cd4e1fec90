using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using LiaisonStations.Web.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Notifications;

/// <summary>The user's inbox: newest first, unread marked; opening a notice marks it read and goes to its subject.</summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me, Inbox inbox, TimeProvider clock) : PageModel
{
    public const int PageSize = 30;

    [FromQuery(Name = "page")] // not BindProperty: the route value "page" (the page's path) would win over the query string
    public int? PageNumber { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Unread { get; set; }

    public IReadOnlyList<Notification> Items { get; private set; } = [];

    public PagerModel Pager { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The list and the header's badge agree when the user looks at their notices.
        inbox.Forget();
        var query = Mine().AsNoTracking();
        if (Unread)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        var total = await query.CountAsync(ct);
        var page = PagerModel.PageWithin(PageNumber, total, PageSize);
        Items = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Pager = new PagerModel(page, PageSize, total, Request.Path, new Dictionary<string, string?> { ["unread"] = Unread ? "true" : null });
    }

    public async Task<IActionResult> OnPostOpenAsync(long id, CancellationToken ct)
    {
        var notice = await Mine().FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null)
        {
            return NotFound();
        }

        notice.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        inbox.Forget();
        return notice.SubjectType == "suggestion"
            ? RedirectToPage("/Suggestions/Details", new { id = notice.SubjectId })
            : RedirectToPage("/Requests/Details", new { id = notice.SubjectId });
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await Mine().Where(n => n.ReadAt == null).ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), ct);
        inbox.Forget();
        return RedirectToPage();
    }

    private IQueryable<Notification> Mine()
    {
        var userId = me.UserId ?? "-";
        return db.Notifications.Where(n => n.UserId == userId);
    }
}
