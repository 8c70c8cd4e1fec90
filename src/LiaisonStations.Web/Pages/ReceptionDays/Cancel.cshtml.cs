using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.ReceptionDays;

/// <summary>Cancels a planned reception day with a reason; it stays on the calendar, struck through.</summary>
public sealed class CancelModel(AppDbContext db, CurrentUser me, IValidator<CancelModel.CancelInput> validator, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CancelInput Input { get; set; } = new();

    public ReceptionDay Day { get; private set; } = null!;

    public string StationName { get; private set; } = string.Empty;

    public sealed class CancelInput
    {
        [Display(Name = "ReceptionDay.CancelReason")]
        public string? Reason { get; set; }

        public uint Version { get; set; }
    }

    public sealed class CancelInputValidator : AbstractValidator<CancelInput>
    {
        public CancelInputValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, false, ct))
        {
            return NotFound();
        }

        Input.Version = Day.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, true, ct))
        {
            return NotFound();
        }

        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), ct))
        {
            return Page();
        }

        if (!await this.SaveEditAsync(db, Day, Input.Version, d => d.Cancel(Input.Reason!.Trim(), clock.GetUtcNow()), l, ct, onConflict: v => Input.Version = v))
        {
            return Page();
        }

        TempData["Flash"] = l["ReceptionDays.CancelledSaved"].Value;
        return RedirectToPage("Details", new { id });
    }

    private async Task<bool> LoadAsync(int id, bool tracked, CancellationToken ct)
    {
        var day = await db.ManageableAsync(me, id, tracked, ct);
        if (day is null)
        {
            return false;
        }

        Day = day;
        StationName = await db.Stations.Where(s => s.Id == day.StationId).Select(s => s.Name).FirstAsync(ct);
        return true;
    }
}
