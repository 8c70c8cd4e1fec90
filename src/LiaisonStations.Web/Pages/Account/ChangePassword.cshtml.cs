using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Account;

/// <summary>Changes one's own password; required at first sign-in when someone else set it.</summary>
public sealed class ChangePasswordModel(
    Data.AppDbContext db,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IValidator<ChangePasswordModel.PasswordInput> validator,
    AuditTrail audit,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public bool Forced { get; private set; }

    public sealed class PasswordInput
    {
        [Display(Name = "Account.CurrentPassword")]
        public string? CurrentPassword { get; set; }

        [Display(Name = "Account.NewPassword")]
        public string? NewPassword { get; set; }

        [Display(Name = "Account.ConfirmPassword")]
        public string? ConfirmPassword { get; set; }
    }

    public sealed class PasswordInputValidator : AbstractValidator<PasswordInput>
    {
        public PasswordInputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(x => x.CurrentPassword).NotEmpty().MaximumLength(200);
            RuleFor(x => x.NewPassword).NotEmpty().MaximumLength(200);
            RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword).WithMessage(_ => l["Password.ConfirmMismatch"]);
        }
    }

    public void OnGet() => Forced = User.HasClaim(ScopeClaims.MustChangePassword, "true");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Forced = User.HasClaim(ScopeClaims.MustChangePassword, "true");
        if (!await validator.ValidateIntoAsync(Input, ModelState, "Input", ct))
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        if (Input.NewPassword == Input.CurrentPassword)
        {
            ModelState.AddModelError("Input.NewPassword", l["Password.SameAsOld"]);
            return Page();
        }

        // The new password, the cleared "must change" flag and the audit entry commit together.
        var result = await db.InOneTransactionAsync(async () =>
        {
            var changed = await users.ChangePasswordAsync(user, Input.CurrentPassword!, Input.NewPassword!);
            if (!changed.Succeeded)
            {
                await audit.WriteAsync("Password.ChangeFailed", "User", user.Id, AuditResult.Failure, string.Join(",", changed.Errors.Select(e => e.Code)));
                return changed;
            }

            user.MustChangePassword = false;
            await users.UpdateAsync(user);
            await audit.WriteAsync("Password.Changed", "User", user.Id, AuditResult.Success, null);
            return changed;
        }, ct);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? "Input.CurrentPassword" : "Input.NewPassword", error.Description);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = l["Password.Changed"].Value;
        return RedirectToPage("/Index");
    }
}
