using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.ReceptionDays;

/// <summary>Plans a reception day or other activity (type, date and time, theme, the deputies expected), or changes a planned one.</summary>
public sealed class PlanModel(
    AppDbContext db,
    CurrentUser me,
    Lookups lookups,
    IValidator<PlanModel.PlanInput> validator,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public PlanInput Input { get; set; } = new();

    /// <summary>Set by the "save anyway" button, after the clerk has read the warnings.</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    /// <summary>What looks like a slip (a date already past, another activity at the same time): shown once, saved on confirmation.</summary>
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Stations { get; private set; } = [];

    public IReadOnlyList<Lookups.Option> Deputies { get; private set; } = [];

    public ReceptionDay? Existing { get; private set; }

    public string? StationName { get; private set; }

    public sealed class PlanInput
    {
        [Display(Name = "Request.Station")]
        public int? StationId { get; set; }

        [Display(Name = "ReceptionDay.Date")]
        public DateOnly? Date { get; set; }

        [Display(Name = "ReceptionDay.StartsAt")]
        public TimeOnly? StartsAt { get; set; }

        [Display(Name = "ReceptionDay.EndsAt")]
        public TimeOnly? EndsAt { get; set; }

        [Display(Name = "ReceptionDay.Type")]
        public ReceptionDayType? Type { get; set; }

        [Display(Name = "ReceptionDay.Theme")]
        public string? Theme { get; set; }

        [Display(Name = "ReceptionDay.PlannedDeputies")]
        public List<int> DeputyIds { get; set; } = [];

        /// <summary>预约名额: places citizens may book online (empty or 0: no bookings).</summary>
        [Display(Name = "ReceptionDay.AppointmentCapacity")]
        public int? AppointmentCapacity { get; set; }

        public uint Version { get; set; }
    }

    public sealed class PlanInputValidator : AbstractValidator<PlanInput>
    {
        public PlanInputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(x => x.StationId).NotNull();
            RuleFor(x => x.Date).NotNull()
                .Must(d => d is null || d.Value.Year is >= 2000 and <= 2100).WithMessage(_ => l["Validation.DateTooEarly"]);
            RuleFor(x => x.Type).NotNull().IsInEnum();
            RuleFor(x => x.Theme).MaximumLength(ReceptionDay.MaxThemeLength);
            RuleFor(x => x.Theme).NotEmpty().When(x => x.Type == ReceptionDayType.ThemedReception).WithMessage(_ => l["Rule.ReceptionDay.ThemeRequired"]);
            RuleFor(x => x.EndsAt).GreaterThan(x => x.StartsAt).When(x => x.StartsAt is not null && x.EndsAt is not null).WithMessage(_ => l["Rule.ReceptionDay.EndsBeforeStart"]);
            RuleFor(x => x.DeputyIds.Count).LessThanOrEqualTo(200).OverridePropertyName(nameof(PlanInput.DeputyIds));
            RuleFor(x => x.AppointmentCapacity).InclusiveBetween(0, ReceptionDay.MaxAppointmentCapacity);
        }
    }

    public async Task<IActionResult> OnGetAsync(int? id, int? station, CancellationToken ct)
    {
        if (id is { } dayId)
        {
            Existing = await db.ManageableAsync(me, dayId, tracked: false, ct);
            if (Existing is null)
            {
                return NotFound();
            }

            Input = new PlanInput
            {
                StationId = Existing.StationId, Date = Existing.Date, StartsAt = Existing.StartsAt, EndsAt = Existing.EndsAt, Type = Existing.Type,
                Theme = Existing.Theme, DeputyIds = Existing.Deputies.Where(d => d.Planned).Select(d => d.DeputyId).ToList(), Version = Existing.Version,
                AppointmentCapacity = Existing.AppointmentCapacity,
            };
        }
        else
        {
            await LoadStationsAsync(ct);
            Input = new PlanInput
            {
                StationId = station is { } s && Stations.Any(x => x.Id == s) ? s : Stations.Count == 1 ? Stations[0].Id : null,
                Date = ChinaTime.DateOf(clock.GetUtcNow()).AddDays(1),
                StartsAt = new TimeOnly(9, 0),
                EndsAt = new TimeOnly(11, 30),
                Type = ReceptionDayType.Reception,
            };
        }

        await LoadDeputiesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (id is { } dayId)
        {
            Existing = await db.ManageableAsync(me, dayId, tracked: true, ct);
            if (Existing is null)
            {
                return NotFound();
            }

            Input.StationId = Existing.StationId;
        }
        else
        {
            await LoadStationsAsync(ct);
        }

        await LoadDeputiesAsync(ct);
        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), ct))
        {
            return Page();
        }

        if (Existing is null && !Stations.Any(s => s.Id == Input.StationId))
        {
            ModelState.AddModelError("Input.StationId", l["Register.StationNotAvailable"]);
            return Page();
        }

        if (!await lookups.AllStationedAsync(Input.StationId!.Value, Input.DeputyIds.Except(Existing?.Deputies.Select(d => d.DeputyId) ?? []), ct))
        {
            ModelState.AddModelError("Input.DeputyIds", l["Rule.ReceptionDay.DeputyNotStationed"]);
            return Page();
        }

        var now = clock.GetUtcNow();
        if (!Confirmed)
        {
            Warnings = await WarningsAsync(Input, Existing?.Id, ChinaTime.DateOf(now), ct);
            if (Warnings.Count > 0)
            {
                return Page();
            }
        }

        if (Existing is { } day)
        {
            if (!await this.SaveEditAsync(db, day, Input.Version, d =>
                {
                    d.Replan(Input.Date!.Value, Input.Type!.Value, Input.Theme?.Trim(), Input.StartsAt, Input.EndsAt, Input.DeputyIds, now);
                    d.OfferAppointments(Input.AppointmentCapacity, now);
                }, l, ct, onConflict: v => Input.Version = v))
            {
                return Page();
            }
        }
        else
        {
            var input = Input;
            Existing = await this.SaveNewAsync(db, () =>
            {
                var planned = ReceptionDay.Plan(input.StationId!.Value, input.Date!.Value, input.Type!.Value, input.Theme?.Trim(), input.StartsAt, input.EndsAt, input.DeputyIds, now);
                planned.OfferAppointments(input.AppointmentCapacity, now);
                return db.ReceptionDays.Add(planned).Entity;
            }, l, ct);
            if (Existing is null)
            {
                return Page();
            }
        }

        TempData["Flash"] = l["ReceptionDays.Planned", Fmt.Date(Existing.Date)].Value;
        return RedirectToPage("Details", new { id = Existing.Id });
    }

    /// <summary>A plan for a day already past (it should be recorded as held instead), or a second activity at the station at the same time.</summary>
    private async Task<IReadOnlyList<string>> WarningsAsync(PlanInput input, int? existingId, DateOnly today, CancellationToken ct)
    {
        var warnings = new List<string>();
        var date = input.Date!.Value;
        if (date < today)
        {
            warnings.Add(l["ReceptionDays.WarnPast", Fmt.Date(date)]);
        }

        var others = await db.ReceptionDays.AsNoTracking()
            .Where(d => d.StationId == input.StationId && d.Date == date && d.Status != ReceptionDayStatus.Cancelled && d.Id != (existingId ?? 0))
            .Select(d => new { d.StartsAt, d.EndsAt, d.Type, d.Status })
            .ToListAsync(ct);
        foreach (var other in others.Where(o => Overlap(input.StartsAt, input.EndsAt, o.StartsAt, o.EndsAt)))
        {
            var time = other.StartsAt is { } s ? " " + s.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
            warnings.Add(l["ReceptionDays.WarnSameTime", Fmt.Date(date) + time, l.Enum(other.Type), l.Enum(other.Status)]);
        }

        return warnings;

        // Without times, the same day is the same time; with them, the periods overlap.
        static bool Overlap(TimeOnly? start, TimeOnly? end, TimeOnly? otherStart, TimeOnly? otherEnd) =>
            start is null || otherStart is null || (start < (otherEnd ?? otherStart.Value.AddHours(1)) && otherStart < (end ?? start.Value.AddHours(1)));
    }

    private async Task LoadStationsAsync(CancellationToken ct) =>
        Stations = (await db.Stations.AsNoTracking().ReceptionManageableBy(me).Where(s => s.Status == StationStatus.Active)
            .OrderBy(s => s.AreaPath).ThenBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name)).ToList();

    private async Task LoadDeputiesAsync(CancellationToken ct)
    {
        if (Input.StationId is { } stationId && (Existing is not null || Stations.Any(s => s.Id == stationId)))
        {
            Deputies = await lookups.StationedDeputiesAsync(stationId, ct);
            StationName = await db.Stations.Where(s => s.Id == stationId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        }
    }
}
