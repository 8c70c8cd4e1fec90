using LiaisonStations.Domain.Common;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Auditing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Admin.Audit;

/// <summary>The audit trail for administrators: newest first, filtered by period, user, action, target and result.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Target { get; set; }

    [BindProperty(SupportsGet = true)]
    public AuditResult? Result { get; set; }

    [FromQuery(Name = "page")] // not BindProperty: the route value "page" (the page's path) would win over the query string
    public int? PageNumber { get; set; }

    public IReadOnlyList<AuditEntry> Rows { get; private set; } = [];

    public PagerModel Pager { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (From is { } from)
        {
            var start = ChinaTime.StartOf(from);
            query = query.Where(a => a.At >= start);
        }

        if (To is { } to)
        {
            var end = ChinaTime.StartOf(to.AddDays(1));
            query = query.Where(a => a.At < end);
        }

        if (!string.IsNullOrWhiteSpace(UserName))
        {
            var name = UserName.Trim();
            query = query.Where(a => a.UserName == name);
        }

        if (!string.IsNullOrWhiteSpace(Action))
        {
            var prefix = Like.Escape(Action.Trim()) + "%";
            query = query.Where(a => EF.Functions.Like(a.Action, prefix, Like.EscapeCharacter));
        }

        if (!string.IsNullOrWhiteSpace(Target))
        {
            var target = Target.Trim();
            query = query.Where(a => a.TargetType == target || a.TargetId == target);
        }

        if (Result is { } result && Enum.IsDefined(result))
        {
            query = query.Where(a => a.Result == result);
        }

        var total = await query.CountAsync(ct);
        var page = PagerModel.PageWithin(PageNumber, total, PageSize);
        Rows = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Pager = new PagerModel(page, PageSize, total, Request.Path, new Dictionary<string, string?>
        {
            ["from"] = Fmt.Date(From),
            ["to"] = Fmt.Date(To),
            ["user"] = UserName,
            ["action"] = Action,
            ["target"] = Target,
            ["result"] = Result?.ToString(),
        });
    }
}
