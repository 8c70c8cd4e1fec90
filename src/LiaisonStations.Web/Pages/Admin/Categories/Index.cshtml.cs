using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Auditing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Admin.Categories;

/// <summary>
/// The categories of citizens' requests, with the name the English interface shows. Administrators rename them and add
/// new ones (an import also adds the unknown ones it meets); a category in use is never deleted, so no request loses it.
/// </summary>
public sealed class IndexModel(AppDbContext db, IValidator<IndexModel.CategoryInput> validator, AuditTrail audit, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CategoryInput Input { get; set; } = new();

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>The category whose form failed, so its row shows the message and the input.</summary>
    public int? FailedId { get; private set; }

    public sealed record Row(int Id, string Name, string? EnglishName, int Requests);

    public sealed class CategoryInput
    {
        [Display(Name = "Category.Name")]
        public string? Name { get; set; }

        [Display(Name = "Category.EnglishName")]
        public string? EnglishName { get; set; }
    }

    public sealed class CategoryInputValidator : AbstractValidator<CategoryInput>
    {
        public CategoryInputValidator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(50);
            RuleFor(x => x.EnglishName).MaximumLength(50);
        }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSaveAsync(int? id, CancellationToken ct)
    {
        var category = id is { } existing ? await db.RequestCategories.FirstOrDefaultAsync(c => c.Id == existing, ct) : null;
        if (id is not null && category is null)
        {
            return NotFound();
        }

        FailedId = id ?? 0;
        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), ct))
        {
            await LoadAsync(ct);
            return Page();
        }

        var name = Input.Name!.Trim();
        if (await db.RequestCategories.AnyAsync(c => c.Name == name && c.Id != (id ?? 0), ct))
        {
            ModelState.AddModelError("Input.Name", l["Category.NameTaken", name]);
            await LoadAsync(ct);
            return Page();
        }

        try
        {
            if (category is null)
            {
                db.RequestCategories.Add(RequestCategory.Create(name, Input.EnglishName));
            }
            else
            {
                category.Rename(name, Input.EnglishName);
            }
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError("Input.Name", l.Rule(e));
            await LoadAsync(ct);
            return Page();
        }

        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(category is null ? "Category.Created" : "Category.Renamed", "RequestCategory", name, AuditResult.Success, Input.EnglishName);
        TempData["Flash"] = l["Category.Saved", name].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Rows = await db.RequestCategories.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new Row(c.Id, c.Name, c.EnglishName, db.CitizenRequests.Count(r => r.CategoryId == c.Id)))
            .ToListAsync(ct);
}
