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

/// <summary>
/// Records a reception day as held: the deputies and department officials who actually came, the number of
/// citizens received and the minutes. A held day can be corrected the same way.
/// </summary>
public sealed class HoldModel(
    AppDbContext db,
    CurrentUser me,
    Lookups lookups,
    IValidator<HoldModel.HoldInput> validator,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int OfficialRows = 5;

    [BindProperty]
    public HoldInput Input { get; set; } = new();

    public ReceptionDay Day { get; private set; } = null!;

    public string StationName { get; private set; } = string.Empty;

    public IReadOnlyList<Lookups.Option> Deputies { get; private set; } = [];

    public IReadOnlyList<Lookups.Option> Departments { get; private set; } = [];

    public sealed class HoldInput
    {
        [Display(Name = "ReceptionDay.AttendingDeputies")]
        public List<int> DeputyIds { get; set; } = [];

        [Display(Name = "ReceptionDay.Officials")]
        public List<OfficialInput> Officials { get; set; } = [];

        [Display(Name = "ReceptionDay.CitizensReceived")]
        public int? CitizensReceived { get; set; }

        [Display(Name = "ReceptionDay.Minutes")]
        public string? Minutes { get; set; }

        public uint Version { get; set; }
    }

    public sealed class OfficialInput
    {
        [Display(Name = "Official.Name")]
        public string? Name { get; set; }

        [Display(Name = "Official.Department")]
        public int? DepartmentId { get; set; }

        [Display(Name = "Official.Title")]
        public string? Title { get; set; }
    }

    public sealed class HoldInputValidator : AbstractValidator<HoldInput>
    {
        public HoldInputValidator()
        {
            RuleFor(x => x.CitizensReceived).NotNull().InclusiveBetween(0, 100_000);
            RuleFor(x => x.Minutes).MaximumLength(10_000);
            RuleFor(x => x.DeputyIds.Count).LessThanOrEqualTo(200).OverridePropertyName(nameof(HoldInput.DeputyIds));
            RuleFor(x => x.Officials.Count).LessThanOrEqualTo(20).OverridePropertyName(nameof(HoldInput.Officials));
            RuleForEach(x => x.Officials).ChildRules(o =>
            {
                o.RuleFor(x => x.Name).NotEmpty().When(x => x.DepartmentId is not null || !string.IsNullOrWhiteSpace(x.Title));
                o.RuleFor(x => x.Name).MaximumLength(50);
                o.RuleFor(x => x.Title).MaximumLength(50);
            });
        }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, tracked: false, ct))
        {
            return NotFound();
        }

        Input = new HoldInput
        {
            Version = Day.Version,
            CitizensReceived = Day.Status == ReceptionDayStatus.Held ? Day.CitizensReceived : null,
            Minutes = Day.Minutes,
            DeputyIds = Day.Status == ReceptionDayStatus.Held
                ? Day.Deputies.Where(d => d.Attended).Select(d => d.DeputyId).ToList()
                : Day.Deputies.Where(d => d.Planned).Select(d => d.DeputyId).ToList(),
            Officials = Day.Officials.Select(o => new OfficialInput { Name = o.Name, DepartmentId = o.DepartmentId, Title = o.Title }).ToList(),
        };
        PadOfficials();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, tracked: true, ct))
        {
            return NotFound();
        }

        PadOfficials();
        if (Day.Status == ReceptionDayStatus.Cancelled)
        {
            ModelState.AddModelError(string.Empty, l["Rule.ReceptionDay.Cancelled"]);
            return Page();
        }

        if (Day.Version != Input.Version)
        {
            ModelState.AddModelError(string.Empty, l["Common.ConflictReload"]);
            ModelState.Remove("Input.Version");
            Input.Version = Day.Version;
            return Page();
        }

        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), ct))
        {
            return Page();
        }

        var known = Day.Deputies.Select(d => d.DeputyId).ToHashSet();
        if (!await lookups.AllStationedAsync(Day.StationId, Input.DeputyIds.Where(i => !known.Contains(i)), ct))
        {
            ModelState.AddModelError("Input.DeputyIds", l["Rule.ReceptionDay.DeputyNotStationed"]);
            return Page();
        }

        var officials = Input.Officials.Where(o => !string.IsNullOrWhiteSpace(o.Name)).ToList();
        var departmentIds = officials.Where(o => o.DepartmentId != null).Select(o => o.DepartmentId!.Value).Distinct().ToList();
        if (departmentIds.Count > 0 && await db.Departments.CountAsync(d => departmentIds.Contains(d.Id), ct) != departmentIds.Count)
        {
            ModelState.AddModelError("Input.Officials", l["Rule.ReceptionDay.DepartmentUnknown"]);
            return Page();
        }

        var held = await this.SaveEditAsync(db, Day, Input.Version, d => d.RecordHeld(
                Input.DeputyIds,
                officials.Select(o => new AttendingOfficial(o.Name!.Trim(), o.DepartmentId, string.IsNullOrWhiteSpace(o.Title) ? null : o.Title.Trim())),
                Input.CitizensReceived!.Value,
                string.IsNullOrWhiteSpace(Input.Minutes) ? null : Input.Minutes.Trim(),
                clock.GetUtcNow()),
            l,
            ct,
            onConflict: v => Input.Version = v);
        if (!held)
        {
            return Page();
        }

        TempData["Flash"] = l["ReceptionDays.HeldSaved"].Value;
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
        var stationed = await lookups.StationedDeputiesAsync(day.StationId, ct);
        var others = day.Deputies.Select(d => d.DeputyId).Where(i => stationed.All(s => s.Id != i)).ToList();
        Deputies = [.. stationed, .. await lookups.DeputiesByIdAsync(others, ct)];
        Departments = await lookups.ActiveDepartmentsAsync(ct);
        return true;
    }

    private void PadOfficials()
    {
        while (Input.Officials.Count < OfficialRows)
        {
            Input.Officials.Add(new OfficialInput());
        }
    }
}
