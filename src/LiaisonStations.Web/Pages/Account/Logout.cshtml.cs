using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LiaisonStations.Web.Pages.Account;

/// <summary>Signs out (POST only, so a link cannot sign anyone out).</summary>
public sealed class LogoutModel(SignInManager<AppUser> signIn, Data.AppDbContext db, AuditTrail audit, TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // The session ends on the server, so a copy of the cookie is worthless from now on.
        await db.InOneTransactionAsync(async () =>
        {
            await UserSessions.EndCurrentAsync(HttpContext, db, clock.GetUtcNow());
            await audit.WriteAsync("Logout", "User", new CurrentUser(User).UserId, AuditResult.Success, null);
        }, ct);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
