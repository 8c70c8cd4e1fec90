using FluentValidation;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Admin.Users;

/// <summary>Creates an account bound to its scope. The password is chosen by the administrator, so it must be changed at first sign-in.</summary>
public sealed class CreateModel(
    AppDbContext db,
    UserManager<AppUser> users,
    UserAdministration admin,
    IValidator<UserInput> validator,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    public UserFormView Form { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input = new UserInput { Role = admin.AssignableRoles.Count == 1 ? admin.AssignableRoles[0] : null };
        Form = await UserFormView.LoadAsync(Input, admin, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Form = await UserFormView.LoadAsync(Input, admin, ct);
        if (!await validator.ValidateIntoAsync(Input, ModelState, "Input", ct))
        {
            return Page();
        }

        if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", l["Password.Required"]);
            return Page();
        }

        var scope = await admin.ResolveAsync(Input, ModelState, ct);
        if (scope is null)
        {
            return Page();
        }

        var user = new AppUser
        {
            UserName = Input.UserName!.Trim(),
            DisplayName = Input.DisplayName!.Trim(),
            MustChangePassword = true,
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors)
            {
                ModelState.AddModelError(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.UserName", e.Description);
            }

            return Page();
        }

        await users.AddToRoleAsync(user, Input.Role!);
        await admin.ApplyAsync(user, scope, ct);
        await db.SaveChangesAsync(ct);
        audit.Add("User.Created", "User", user.Id, AuditResult.Success, $"{user.UserName} {Input.Role} {await admin.DescribeAsync(user, ct)}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        TempData["Flash"] = l["Users.Created", user.UserName].Value;
        return RedirectToPage("Edit", new { id = user.Id });
    }
}
