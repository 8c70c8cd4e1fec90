using FluentValidation;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Admin.Users;

/// <summary>
/// Changes an account's name, role and scope; disables, enables or unlocks it; resets its password. Each
/// change renews the account's security stamp, so a signed-in session picks it up within a minute, and is audited.
/// </summary>
public sealed class EditModel(
    AppDbContext db,
    UserManager<AppUser> users,
    UserAdministration admin,
    IValidator<UserInput> validator,
    CurrentUser me,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    public UserFormView Form { get; private set; } = null!;

    public AppUser Account { get; private set; } = null!;

    public bool IsLocked { get; private set; }

    public bool IsSelf => Account.Id == me.UserId;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = new UserInput
        {
            UserName = Account.UserName,
            DisplayName = Account.DisplayName,
            Role = (await users.GetRolesAsync(Account)).FirstOrDefault(),
            DistrictCode = await db.Areas.Where(a => a.Id == Account.DistrictAreaId).Select(a => a.Code).FirstOrDefaultAsync(ct),
            StationIds = await db.UserStations.Where(s => s.UserId == Account.Id).Select(s => s.StationId).ToListAsync(ct),
            DeputyCode = await db.Deputies.Where(d => d.Id == Account.DeputyId).Select(d => d.Code).FirstOrDefaultAsync(ct),
            DepartmentId = Account.DepartmentId,
        };
        Form = await UserFormView.LoadAsync(Input, admin, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input.UserName = Account.UserName;
        Form = await UserFormView.LoadAsync(Input, admin, ct);
        if (!await validator.ValidateIntoAsync(Input, ModelState, "Input", ct))
        {
            return Page();
        }

        var oldRole = (await users.GetRolesAsync(Account)).FirstOrDefault();
        if (IsSelf && oldRole != Input.Role)
        {
            ModelState.AddModelError("Input.Role", l["Users.CannotChangeOwnRole"]);
            return Page();
        }

        var scope = await admin.ResolveAsync(Input, ModelState, ct);
        if (scope is null)
        {
            return Page();
        }

        var oldScope = await admin.DescribeAsync(Account, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Account.DisplayName = Input.DisplayName!.Trim();
        if (oldRole != Input.Role)
        {
            if (oldRole is not null)
            {
                await users.RemoveFromRoleAsync(Account, oldRole);
            }

            await users.AddToRoleAsync(Account, Input.Role!);
            audit.Add("User.RoleChanged", "User", Account.Id, AuditResult.Success, $"{Account.UserName}: {oldRole ?? "-"} → {Input.Role}");
        }

        await admin.ApplyAsync(Account, scope, ct);
        await db.SaveChangesAsync(ct);
        var newScope = await admin.DescribeAsync(Account, ct);
        if (newScope != oldScope)
        {
            audit.Add("User.ScopeChanged", "User", Account.Id, AuditResult.Success, $"{Account.UserName}: {oldScope} → {newScope}");
        }

        var result = await users.UpdateSecurityStampAsync(Account);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, l["Common.ConflictReload"]);
            return Page();
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        TempData["Flash"] = l["Users.Saved", Account.UserName!].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id, string? newPassword, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(newPassword) || newPassword.Length > 200)
        {
            return await ActionFailedAsync(id, l["Password.Required"], ct);
        }

        // No reset-token round trip: the administrator sets the password here, under the same rules as any password.
        var errors = new List<IdentityError>();
        foreach (var rule in users.PasswordValidators)
        {
            errors.AddRange((await rule.ValidateAsync(users, Account, newPassword)).Errors);
        }

        if (errors.Count > 0)
        {
            return await ActionFailedAsync(id, string.Join(" ", errors.Select(e => e.Description)), ct);
        }

        await db.InOneTransactionAsync(async () =>
        {
            Account.PasswordHash = users.PasswordHasher.HashPassword(Account, newPassword);
            Account.MustChangePassword = true;
            await users.UpdateSecurityStampAsync(Account);
            await users.SetLockoutEndDateAsync(Account, null);
            await users.ResetAccessFailedCountAsync(Account);
            await UserSessions.EndAllAsync(HttpContext, db, Account.Id, clock.GetUtcNow());
            await audit.WriteAsync("User.PasswordReset", "User", Account.Id, AuditResult.Success, Account.UserName);
        }, ct);
        TempData["Flash"] = l["Users.PasswordReset", Account.UserName!].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct) => await SetDisabledAsync(id, true, ct);

    public async Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct) => await SetDisabledAsync(id, false, ct);

    public async Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await db.InOneTransactionAsync(async () =>
        {
            await users.SetLockoutEndDateAsync(Account, null);
            await users.ResetAccessFailedCountAsync(Account);
            await audit.WriteAsync("User.Unlocked", "User", Account.Id, AuditResult.Success, Account.UserName);
        }, ct);
        TempData["Flash"] = l["Users.Unlocked", Account.UserName!].Value;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> SetDisabledAsync(string id, bool disabled, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (IsSelf)
        {
            return await ActionFailedAsync(id, l["Users.CannotDisableSelf"], ct);
        }

        await db.InOneTransactionAsync(async () =>
        {
            Account.IsDisabled = disabled;
            await users.UpdateAsync(Account);
            await users.UpdateSecurityStampAsync(Account);
            if (disabled)
            {
                // Its open sessions end now, on every instance (each request checks its session).
                await UserSessions.EndAllAsync(HttpContext, db, Account.Id, clock.GetUtcNow());
            }

            await audit.WriteAsync(disabled ? "User.Disabled" : "User.Enabled", "User", Account.Id, AuditResult.Success, Account.UserName);
        }, ct);
        TempData["Flash"] = l[disabled ? "Users.DisabledDone" : "Users.EnabledDone", Account.UserName!].Value;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> ActionFailedAsync(string id, string message, CancellationToken ct)
    {
        ModelState.AddModelError(string.Empty, message);
        return await OnGetAsync(id, ct);
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        var account = await admin.Manageable().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (account is null)
        {
            return false;
        }

        Account = account;
        IsLocked = account.LockoutEnd > clock.GetUtcNow();
        return true;
    }
}
