using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Consultations;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Consultations;

/// <summary>Opens a consultation on a draft regulation at a legislative contact point for a period.</summary>
public sealed class CreateModel(AppDbContext db, CurrentUser me, IValidator<CreateModel.ConsultationInput> validator, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ConsultationInput Input { get; set; } = new();

    public IReadOnlyList<(int Id, string Name)> Stations { get; private set; } = [];

    public sealed class ConsultationInput
    {
        [Display(Name = "Request.Station")]
        public int? StationId { get; set; }

        [Display(Name = "Consultation.DraftTitle")]
        public string? DraftTitle { get; set; }

        [Display(Name = "Consultation.Description")]
        public string? Description { get; set; }

        [Display(Name = "Consultation.OpensOn")]
        public DateOnly? OpensOn { get; set; }

        [Display(Name = "Consultation.ClosesOn")]
        public DateOnly? ClosesOn { get; set; }
    }

    public sealed class ConsultationInputValidator : AbstractValidator<ConsultationInput>
    {
        public ConsultationInputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(x => x.StationId).NotNull();
            RuleFor(x => x.DraftTitle).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Description).MaximumLength(4000);
            RuleFor(x => x.OpensOn).NotNull();
            RuleFor(x => x.ClosesOn).NotNull().GreaterThanOrEqualTo(x => x.OpensOn).When(x => x.OpensOn is not null).WithMessage(_ => l["Rule.Consultation.ClosesBeforeOpens"]);
        }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.CanManageReceptionDays())
        {
            return Forbid();
        }

        await LoadAsync(ct);
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        Input = new ConsultationInput { StationId = Stations.Count == 1 ? Stations[0].Id : null, OpensOn = today, ClosesOn = today.AddDays(30) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!me.CanManageReceptionDays())
        {
            return Forbid();
        }

        await LoadAsync(ct);
        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), ct))
        {
            return Page();
        }

        var station = await db.Stations.AsNoTracking().ReceptionManageableBy(me).FirstOrDefaultAsync(s => s.Id == Input.StationId, ct);
        if (station is null)
        {
            ModelState.AddModelError("Input.StationId", l["Register.StationNotAvailable"]);
            return Page();
        }

        LegislativeConsultation consultation;
        try
        {
            consultation = LegislativeConsultation.Open(station, Input.DraftTitle!.Trim(), Input.Description?.Trim(), Input.OpensOn!.Value, Input.ClosesOn!.Value);
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError("Input.StationId", l.Rule(e));
            return Page();
        }

        db.LegislativeConsultations.Add(consultation);
        await db.SaveChangesAsync(ct);
        return RedirectToPage("Details", new { id = consultation.Id });
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Stations = (await db.Stations.AsNoTracking().ReceptionManageableBy(me).Where(s => s.IsLegislativeContactPoint && s.Status == StationStatus.Active)
            .OrderBy(s => s.AreaPath).Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name)).ToList();
}
