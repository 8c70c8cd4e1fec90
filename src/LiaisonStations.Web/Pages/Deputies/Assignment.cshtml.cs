using System.ComponentModel.DataAnnotations;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace LiaisonStations.Web.Pages.Deputies;

/// <summary>
/// 进站: stations a deputy at a station, moves them to another, or ends an assignment. History is kept:
/// an ended assignment keeps its dates. District staff act on stations of their own district only.
/// </summary>
public sealed class AssignmentModel(AppDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public AssignInput Input { get; set; } = new();

    public Deputy Deputy { get; private set; } = null!;

    public IReadOnlyList<(int Id, string Name)> Stations { get; private set; } = [];

    public IReadOnlyDictionary<int, string> StationNames { get; private set; } = new Dictionary<int, string>();

    public DateOnly Today { get; private set; }

    public sealed class AssignInput
    {
        /// <summary>The station an assignment is ended or moved from.</summary>
        public int? FromStationId { get; set; }

        [Display(Name = "Request.Station")]
        public int? StationId { get; set; }

        [Display(Name = "Assignment.Role")]
        public AssignmentRole? Role { get; set; }

        [Display(Name = "Assignment.On")]
        public DateOnly? On { get; set; }

        public uint Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, tracked: false, ct))
        {
            return NotFound();
        }

        Input = new AssignInput { On = Today, Role = AssignmentRole.Member, Version = Deputy.Version };
        return Page();
    }

    public Task<IActionResult> OnPostAssignAsync(int id, CancellationToken ct) => ActAsync(id, "Assign", ct);

    public Task<IActionResult> OnPostMoveAsync(int id, CancellationToken ct) => ActAsync(id, "Move", ct);

    public Task<IActionResult> OnPostEndAsync(int id, CancellationToken ct) => ActAsync(id, "End", ct);

    /// <summary>Makes the deputy chief (站长) or member at a station they are stationed at.</summary>
    public Task<IActionResult> OnPostRoleAsync(int id, CancellationToken ct) => ActAsync(id, "Role", ct);

    private async Task<IActionResult> ActAsync(int id, string action, CancellationToken ct)
    {
        if (!await LoadAsync(id, tracked: true, ct))
        {
            return NotFound();
        }

        if (Deputy.Version != Input.Version)
        {
            return Refuse(l["Common.ConflictReload"]);
        }

        if (action == "Role")
        {
            Input.On ??= Today;
        }

        if (Input.On is not { } on || on.Year is < 1990 or > 2100)
        {
            ModelState.AddModelError("Input.On", l["Validation.Required", l["Assignment.On"]]);
            return Page();
        }

        var manageable = Stations.Select(s => s.Id).ToHashSet();
        if (action is "Move" or "End" or "Role" && (Input.FromStationId is not { } fromId || !manageable.Contains(fromId)))
        {
            return Refuse(l["Register.StationNotAvailable"]);
        }

        if (action is "Assign" or "Move")
        {
            if (Input.StationId is not { } toId || !manageable.Contains(toId))
            {
                ModelState.AddModelError("Input.StationId", l["Register.StationNotAvailable"]);
                return Page();
            }

            if (Input.Role is not { } role || !Enum.IsDefined(role))
            {
                ModelState.AddModelError("Input.Role", l["Validation.Required", l["Assignment.Role"]]);
                return Page();
            }

            if (role == AssignmentRole.Chief && await db.Deputies.AnyAsync(d => d.Id != id && d.Assignments.Any(a => a.StationId == toId && a.To == null && a.Role == AssignmentRole.Chief), ct))
            {
                ModelState.AddModelError("Input.Role", l["Assignment.ChiefTaken"]);
                return Page();
            }
        }

        if (action == "Role")
        {
            var stationId = Input.FromStationId!.Value;
            if (Input.Role is not { } role || !Enum.IsDefined(role))
            {
                return Refuse(l["Validation.Required", l["Assignment.Role"]]);
            }

            if (role == AssignmentRole.Chief && await db.Deputies.AnyAsync(d => d.Id != id && d.Assignments.Any(a => a.StationId == stationId && a.To == null && a.Role == AssignmentRole.Chief), ct))
            {
                return Refuse(l["Assignment.ChiefTaken"]);
            }
        }

        var now = clock.GetUtcNow();
        var input = Input;
        var outcome = await this.TryEditAsync(
            db,
            Deputy,
            Input.Version,
            async () =>
            {
                switch (action)
                {
                    case "Assign":
                        Deputy.AssignTo(input.StationId!.Value, input.Role!.Value, on, now);
                        break;
                    case "Move":
                        Deputy.MoveTo(input.FromStationId!.Value, input.StationId!.Value, input.Role!.Value, on, now);
                        break;
                    case "Role":
                        Deputy.ChangeRole(input.FromStationId!.Value, input.Role!.Value, now);
                        break;
                    default:
                        Deputy.EndAssignment(input.FromStationId!.Value, on, now);
                        break;
                }

                await db.SaveChangesAsync(ct);
            },
            l,
            duplicateMessage: l["Assignment.ChiefTaken"]);
        if (outcome != Edits.Outcome.Saved)
        {
            var message = outcome == Edits.Outcome.Conflict ? l["Common.ConflictReload"].Value : this.FirstError();
            ModelState.Clear();
            return Refuse(message);
        }

        TempData["Flash"] = l[$"Assignment.Done.{action}", Deputy.Name].Value;
        return RedirectToPage("Details", new { id });
    }

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        ModelState.Remove("Input.Version");
        Input.Version = Deputy.Version;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, bool tracked, CancellationToken ct)
    {
        var query = db.Deputies.VisibleTo(me, db.Stations, db.Areas);
        var deputy = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (deputy is null)
        {
            return false;
        }

        Deputy = deputy;
        Today = ChinaTime.DateOf(clock.GetUtcNow());
        Stations = (await db.Stations.AsNoTracking().ManageableBy(me).Where(s => s.Status == StationStatus.Active)
            .OrderBy(s => s.AreaPath).ThenBy(s => s.Kind).ThenBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
            .Select(s => (s.Id, s.Name)).ToList();
        var ids = deputy.Assignments.Select(a => a.StationId).Distinct().ToList();
        StationNames = await db.Stations.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return true;
    }
}
