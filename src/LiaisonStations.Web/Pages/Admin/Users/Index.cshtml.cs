using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Admin.Users;

/// <summary>Accounts the current user administers, with their role, scope and state.</summary>
public sealed class IndexModel(AppDbContext db, UserAdministration admin, TimeProvider clock) : PageModel
{
    public const int PageSize = 30;

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [FromQuery(Name = "page")] // not BindProperty: the route value "page" (the page's path) would win over the query string
    public int? PageNumber { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public PagerModel Pager { get; private set; } = null!;

    public IReadOnlyList<string> Roles => admin.AssignableRoles;

    public sealed record Row(string Id, string UserName, string DisplayName, string? Role, string Scope, bool Disabled, bool Locked, bool MustChangePassword, DateTimeOffset? LastSignInAt);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = admin.Manageable().AsNoTracking();
        if (AppRoles.IsKnown(Role))
        {
            query = query.Where(u => db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == Role));
        }

        var q = Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            var pattern = "%" + Like.Escape(q) + "%";
            query = query.Where(u => EF.Functions.ILike(u.UserName!, pattern, Like.EscapeCharacter) || EF.Functions.ILike(u.DisplayName, pattern, Like.EscapeCharacter));
        }

        var total = await query.CountAsync(ct);
        var page = PagerModel.PageWithin(PageNumber, total, PageSize);
        var now = clock.GetUtcNow();
        var users = await query.OrderBy(u => u.UserName).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                Role = db.UserRoles.Where(r => r.UserId == u.Id).Select(r => r.RoleId).FirstOrDefault(),
                District = db.Areas.Where(a => a.Id == u.DistrictAreaId).Select(a => a.Name).FirstOrDefault(),
                Stations = db.UserStations.Where(s => s.UserId == u.Id).Join(db.Stations, s => s.StationId, s => s.Id, (_, s) => s.Name).ToList(),
                Deputy = db.Deputies.Where(d => d.Id == u.DeputyId).Select(d => d.Name + "（" + d.Code + "）").FirstOrDefault(),
                Department = db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).FirstOrDefault(),
                u.IsDisabled,
                u.LockoutEnd,
                u.MustChangePassword,
                u.LastSignInAt,
            })
            .ToListAsync(ct);
        Rows = users.Select(u => new Row(
            u.Id, u.UserName ?? string.Empty, u.DisplayName, u.Role,
            string.Join("、", new[] { u.District, u.Deputy, u.Department }.Concat(u.Stations).Where(x => !string.IsNullOrEmpty(x))),
            u.IsDisabled, u.LockoutEnd > now, u.MustChangePassword, u.LastSignInAt)).ToList();
        Pager = new PagerModel(page, PageSize, total, Request.Path, new Dictionary<string, string?> { ["role"] = Role, ["q"] = Q });
    }
}
