using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Departments;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace LiaisonStations.Web.Pages.Departments;

/// <summary>Creates or edits a department, or takes it out of use (its history stays; it is no longer offered for referrals).</summary>
public sealed class EditModel(AppDbContext db, IValidator<EditModel.DepartmentInput> validator, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public DepartmentInput Input { get; set; } = new();

    public Department? Existing { get; private set; }

    public IReadOnlyList<(int Id, string Name)> Areas { get; private set; } = [];

    public sealed class DepartmentInput
    {
        [Display(Name = "Department.Code")]
        public string? Code { get; set; }

        [Display(Name = "Department.Name")]
        public string? Name { get; set; }

        [Display(Name = "Department.Area")]
        public int? AreaId { get; set; }

        [Display(Name = "Department.ContactPerson")]
        public string? ContactPerson { get; set; }

        [Display(Name = "Department.ContactPhone")]
        public string? ContactPhone { get; set; }

        public bool IsActive { get; set; } = true;

        public uint Version { get; set; }
    }

    public sealed class DepartmentInputValidator : AbstractValidator<DepartmentInput>
    {
        public DepartmentInputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(x => x.Code).NotEmpty().MaximumLength(32).Matches("^[A-Za-z0-9_-]+$").WithMessage(_ => l["Validation.CodeFormat"]);
            RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
            RuleFor(x => x.AreaId).NotNull();
            RuleFor(x => x.ContactPerson).MaximumLength(50);
            RuleFor(x => x.ContactPhone).Must(PhoneNumber.IsValid).When(x => !string.IsNullOrWhiteSpace(x.ContactPhone)).WithMessage(_ => l["Validation.PhoneFormat"]);
        }
    }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        await LoadAreasAsync(ct);
        if (id is { } existingId)
        {
            Existing = await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == existingId, ct);
            if (Existing is null)
            {
                return NotFound();
            }

            Input = new DepartmentInput
            {
                Code = Existing.Code, Name = Existing.Name, AreaId = Existing.AreaId, ContactPerson = Existing.ContactPerson,
                ContactPhone = Existing.ContactPhone, IsActive = Existing.IsActive, Version = Existing.Version,
            };
        }
        else
        {
            Input.AreaId = Areas.Count > 0 ? Areas[0].Id : null;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        await LoadAreasAsync(ct);
        if (id is { } existingId)
        {
            Existing = await db.Departments.FirstOrDefaultAsync(d => d.Id == existingId, ct);
            if (Existing is null)
            {
                return NotFound();
            }

            // The code is the import key and cannot change once referrals point at it.
            Input.Code = Existing.Code;
        }

        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), ct))
        {
            return Page();
        }

        if (Areas.All(a => a.Id != Input.AreaId))
        {
            ModelState.AddModelError("Input.AreaId", l["Departments.AreaUnknown"]);
            return Page();
        }

        var code = Input.Code!.Trim();
        if (Existing is null && await db.Departments.AnyAsync(d => d.Code == code, ct))
        {
            ModelState.AddModelError("Input.Code", l["Departments.CodeTaken", code]);
            return Page();
        }

        var input = Input;
        if (Existing is { } department)
        {
            if (!await this.SaveEditAsync(db, department, Input.Version, d => d.Update(input.Name!.Trim(), input.AreaId!.Value, input.ContactPerson?.Trim(), input.ContactPhone?.Trim(), input.IsActive), l, ct))
            {
                return Page();
            }
        }
        else
        {
            Existing = await this.SaveNewAsync(
                db,
                () => db.Departments.Add(Department.Create(code, input.Name!.Trim(), input.AreaId!.Value, input.ContactPerson?.Trim(), input.ContactPhone?.Trim())).Entity,
                l,
                ct,
                duplicateField: "Input.Code",
                duplicateMessage: l["Departments.CodeTaken", code]);
            if (Existing is null)
            {
                return Page();
            }
        }

        TempData["Flash"] = l["Departments.Saved", Existing.Name].Value;
        return RedirectToPage("Index");
    }

    private async Task LoadAreasAsync(CancellationToken ct) =>
        Areas = (await db.Areas.AsNoTracking().Where(a => a.Level == AreaLevel.City || a.Level == AreaLevel.District)
            .OrderBy(a => a.Level).ThenBy(a => a.Code).Select(a => new { a.Id, a.Name }).ToListAsync(ct)).Select(a => (a.Id, a.Name)).ToList();
}
