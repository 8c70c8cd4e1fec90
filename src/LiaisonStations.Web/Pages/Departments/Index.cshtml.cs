using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Departments;

/// <summary>The departments (承办单位) requests and suggestions are referred to, with their open referrals.</summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Inactive { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public bool CanEdit => me.SeesEverything;

    public sealed record Row(int Id, string Code, string Name, string Area, string? ContactPerson, string? ContactPhone, bool IsActive, int OpenReferrals);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Departments.AsNoTracking();
        if (!Inactive)
        {
            query = query.Where(d => d.IsActive);
        }

        var q = Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            var pattern = "%" + Like.Escape(q.Length > 50 ? q[..50] : q) + "%";
            query = query.Where(d => EF.Functions.ILike(d.Name, pattern, Like.EscapeCharacter) || EF.Functions.ILike(d.Code, pattern, Like.EscapeCharacter));
        }

        var open = Domain.Requests.RequestWorkflow.Open.ToArray();
        Rows = await query.OrderBy(d => d.Code).Take(1000)
            .Select(d => new Row(d.Id, d.Code, d.Name, db.Areas.Where(a => a.Id == d.AreaId).Select(a => a.Name).First(), d.ContactPerson, d.ContactPhone, d.IsActive,
                db.CitizenRequests.Count(r => r.CurrentDepartmentId == d.Id && open.Contains(r.Status))))
            .ToListAsync(ct);
    }
}
