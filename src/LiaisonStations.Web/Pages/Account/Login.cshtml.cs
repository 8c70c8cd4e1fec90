using System.ComponentModel.DataAnnotations;
using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Account;

/// <summary>
/// Sign-in. Five wrong passwords lock the account for 15 minutes (kept in the database, so it holds across
/// instances and restarts); attempts per client address are rate limited; every outcome is audited.
/// </summary>
[EnableRateLimiting(SecurityComposition.LoginRateLimit)]
public sealed class LoginModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
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
        var name = Input.UserName?.Trim();
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(Input.Password) || name.Length > 100 || Input.Password.Length > 200)
        {
            ModelState.AddModelError(string.Empty, l["Login.Missing"]);
            return Page();
        }

        var user = await users.FindByNameAsync(name);
        if (user is null)
        {
            await audit.WriteAsync("Login.Failed", "User", null, AuditResult.Failure, "unknown user name", ct, userName: name);
            return Refused(l["Login.Invalid"]);
        }

        if (user.IsDisabled)
        {
            await audit.WriteAsync("Login.Failed", "User", user.Id, AuditResult.Denied, "account disabled", ct, userName: user.UserName);
            return Refused(l["Login.Disabled"]);
        }

        var wasLocked = await users.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            user.LastSignInAt = clock.GetUtcNow();
            await users.UpdateAsync(user);
            await audit.WriteAsync("Login.Succeeded", "User", user.Id, AuditResult.Success, null, ct, userName: user.UserName);
            return user.MustChangePassword ? RedirectToPage("/Account/ChangePassword") : LocalRedirect(SafeReturnUrl());
        }

        if (result.IsLockedOut)
        {
            if (!wasLocked)
            {
                await audit.WriteAsync("Login.Lockout", "User", user.Id, AuditResult.Failure, "locked after repeated wrong passwords", ct, userName: user.UserName);
            }
            else
            {
                await audit.WriteAsync("Login.Failed", "User", user.Id, AuditResult.Denied, "account locked", ct, userName: user.UserName);
            }

            return Refused(l["Login.LockedOut"]);
        }

        await audit.WriteAsync("Login.Failed", "User", user.Id, AuditResult.Failure, "wrong password", ct, userName: user.UserName);
        return Refused(l["Login.Invalid"]);
    }

    private PageResult Refused(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Input.Password = null;
        return Page();
    }

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) && !ReturnUrl!.StartsWith("/Account/", StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/";
}
