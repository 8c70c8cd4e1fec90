using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Security;
using LiaisonStations.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Stations;

/// <summary>Closes (撤销) a station with a date and a reason. Its history stays; it leaves the active counts.</summary>
public sealed class CloseModel(AppDbContext db, CurrentUser me, IValidator<CloseModel.CloseInput> validator, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CloseInput Input { get; set; } = new();

    public Station Station { get; private set; } = null!;

    public sealed class CloseInput
    {
        [Display(Name = "Station.ClosedOn")]
        public DateOnly? ClosedOn { get; set; }

        [Display(Name = "Station.ClosedReason")]
        public string? Reason { get; set; }

        public uint Version { get; set; }
    }

    public sealed class CloseInputValidator : AbstractValidator<CloseInput>
    {
        public CloseInputValidator()
        {
            RuleFor(x => x.ClosedOn).NotNull();
            RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
        }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var station = await db.Stations.AsNoTracking().ManageableBy(me).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (station is null)
        {
            return NotFound();
        }

        Station = station;
        Input = new CloseInput { ClosedOn = ChinaTime.DateOf(clock.GetUtcNow()), Version = station.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var station = await db.Stations.ManageableBy(me).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (station is null)
        {
            return NotFound();
        }

        Station = station;
        if (!await validator.ValidateIntoAsync(Input, ModelState, "Input", ct))
        {
            return Page();
        }

        if (!await this.SaveEditAsync(db, station, Input.Version, s => s.Close(Input.ClosedOn!.Value, Input.Reason!, clock.GetUtcNow()), l, ct,
            rule => rule == "Station.ClosedBeforeOpened" ? "Input.ClosedOn" : null, onConflict: v => Input.Version = v))
        {
            return Page();
        }

        TempData["Flash"] = l["Stations.Closed", station.Name].Value;
        return RedirectToPage("Details", new { id });
    }
}
