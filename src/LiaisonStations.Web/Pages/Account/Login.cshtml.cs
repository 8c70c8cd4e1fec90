using System.ComponentModel.DataAnnotations;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Account;

/// <summary>
/// Sign-in. Five wrong passwords lock the account for 15 minutes (kept in the database, so it holds across
/// instances and restarts); attempts per client address are rate limited; every outcome is audited.
/// </summary>
public sealed class LoginModel(
    Data.AppDbContext db,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    AuditTrail audit,
    TimeProvider clock,
    RateCounters counters,
    IConfiguration configuration,
    IStringLocalizer<SharedResource> l) : PageModel
{
    private static string? s_unknownAccountHash;

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class LoginInput
    {
        [Display(Name = "Account.UserName")]
        public string? UserName { get; set; }

        [Display(Name = "Account.Password")]
        public string? Password { get; set; }
    }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl()) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Sign-in attempts per client address and minute (Security:LoginAttemptsPerMinute), counted in PostgreSQL so the
        // limit holds across every instance; an office signing in a dozen people a minute never reaches it.
        var perMinute = configuration.GetValue("Security:LoginAttemptsPerMinute", 30);
        if (await counters.HitAsync(RateCounters.Key("login", RateCounters.AddressOf(HttpContext)), TimeSpan.FromMinutes(1), ct) > perMinute)
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var name = Input.UserName?.Trim();
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(Input.Password) || name.Length > 100 || Input.Password.Length > 200)
        {
            ModelState.AddModelError(string.Empty, l["Login.Missing"]);
            return Page();
        }

        var user = await users.FindByNameAsync(name);
        if (user is null || user.IsDisabled)
        {
            // The same answer after the same work (one password hash check) as a wrong password, so nobody can
            // learn by trying which account names exist or are disabled.
            users.PasswordHasher.VerifyHashedPassword(user ?? new AppUser(), user?.PasswordHash ?? UnknownAccountHash(), Input.Password);
            await audit.WriteAsync(
                "Login.Failed", "User", user?.Id, user is null ? AuditResult.Failure : AuditResult.Denied, user is null ? "unknown user name" : "account disabled", userName: user?.UserName ?? name);
            return Refused(l["Login.Invalid"]);
        }

        var wasLocked = await users.IsLockedOutAsync(user);
        var result = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // The sign-in time, the server-side session (UserSessions, started by the cookie's sign-in) and the audit entry commit together.
            // The same account may sign in on two desks at once: the sign-in time is set with SQL, not through the
            // account's concurrency stamp.
            await db.InOneTransactionAsync(async () =>
            {
                var now = clock.GetUtcNow();
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, now), CancellationToken.None);
                await signIn.SignInAsync(user, isPersistent: false);
                await audit.WriteAsync("Login.Succeeded", "User", user.Id, AuditResult.Success, null, userName: user.UserName);
            }, ct);
            return user.MustChangePassword ? RedirectToPage("/Account/ChangePassword") : LocalRedirect(SafeReturnUrl());
        }

        if (result.IsLockedOut)
        {
            if (!wasLocked)
            {
                await audit.WriteAsync("Login.Lockout", "User", user.Id, AuditResult.Failure, "locked after repeated wrong passwords", userName: user.UserName);
            }
            else
            {
                await audit.WriteAsync("Login.Failed", "User", user.Id, AuditResult.Denied, "account locked", userName: user.UserName);
            }

            return Refused(l["Login.LockedOut"]);
        }

        await audit.WriteAsync("Login.Failed", "User", user.Id, AuditResult.Failure, "wrong password", userName: user.UserName);
        return Refused(l["Login.Invalid"]);
    }

    /// <summary>A hash made by the configured hasher, so checking a password against it costs what a real check costs.</summary>
    private string UnknownAccountHash() => s_unknownAccountHash ??= users.PasswordHasher.HashPassword(new AppUser(), Guid.NewGuid().ToString());

    private PageResult Refused(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Input.Password = null;
        return Page();
    }

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) && !ReturnUrl!.StartsWith("/Account/", StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/";
}
