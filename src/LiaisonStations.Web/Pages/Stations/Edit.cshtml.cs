using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Stations;

/// <summary>
/// Edits a station. The row version read with the form travels with it; if someone saved in between, the
/// save is refused, their values are shown beside each changed field, and nothing of either person is lost.
/// </summary>
public sealed class EditModel(AppDbContext db, CurrentUser me, StationForm form, StationLookups lookups, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public StationInput Input { get; set; } = new();

    public StationFormOptions Options { get; private set; } = StationFormOptions.Empty;

    public string StationName { get; private set; } = string.Empty;

    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var station = await db.Stations.AsNoTracking().ManageableBy(me).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (station is null)
        {
            return NotFound();
        }

        StationName = station.Name;
        var district = await lookups.DistrictCodeOfAreaAsync(station.AreaId, ct);
        Input = StationInput.From(station, district);
        Options = await lookups.FormOptionsAsync(district, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var station = await db.Stations.ManageableBy(me).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (station is null)
        {
            return NotFound();
        }

        StationName = station.Name;
        Options = await lookups.FormOptionsAsync(Input.DistrictCode, ct);
        db.Entry(station).Property(s => s.Version).OriginalValue = Input.Version;
        if (await form.ApplyAsync(Input, station, ModelState, ct) is null)
        {
            return Page();
        }

        try
        {
            if (!await form.SaveAsync(ModelState, ct))
            {
                return Page();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ShowConflictAsync(id, ct);
        }

        TempData["Flash"] = l["Stations.Saved", station.Name].Value;
        return RedirectToPage("Details", new { id });
    }

    private async Task<IActionResult> ShowConflictAsync(int id, CancellationToken ct)
    {
        var current = await db.Stations.AsNoTracking().ManageableBy(me).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (current is null)
        {
            return NotFound();
        }

        Conflict = true;
        ModelState.AddModelError(string.Empty, l["Stations.EditConflict"]);
        var theirs = StationInput.From(current, await lookups.DistrictCodeOfAreaAsync(current.AreaId, ct));
        void Compare<T>(string field, T mine, T their, Func<T, string> show)
        {
            if (!EqualityComparer<T>.Default.Equals(mine, their))
            {
                ModelState.AddModelError($"Input.{field}", l["Conflict.TheirValue", show(their)]);
            }
        }

        static string Text(string? s) => string.IsNullOrEmpty(s) ? "—" : s;
        Compare(nameof(StationInput.Code), Input.Code?.Trim(), theirs.Code, Text);
        Compare(nameof(StationInput.Name), Input.Name?.Trim(), theirs.Name, Text);
        Compare(nameof(StationInput.Kind), Input.Kind, theirs.Kind, k => k is { } v ? l[$"Enum.StationKind.{v}"] : "—");
        Compare(nameof(StationInput.HostType), Input.HostType, theirs.HostType, h => h is { } v ? l[$"Enum.HostType.{v}"] : "—");
        Compare(nameof(StationInput.AreaId), Input.AreaId, theirs.AreaId, a => Options.Areas.FirstOrDefault(x => x.Id == a)?.Name ?? a?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—");
        Compare(nameof(StationInput.Address), Input.Address?.Trim() ?? string.Empty, theirs.Address ?? string.Empty, Text);
        Compare(nameof(StationInput.ContactPhone), Input.ContactPhone?.Trim() ?? string.Empty, theirs.ContactPhone ?? string.Empty, Text);
        Compare(nameof(StationInput.OpenedOn), Input.OpenedOn, theirs.OpenedOn, d => Infrastructure.Fmt.Date(d));
        Compare(nameof(StationInput.IsLegislativeContactPoint), Input.IsLegislativeContactPoint, theirs.IsLegislativeContactPoint, b => b ? l["Common.Yes"] : l["Common.No"]);
        Compare(nameof(StationInput.ScheduleKind), Input.Schedule(), current.Schedule, s => ScheduleDescription.Describe(s, l));

        // The next save, if the user confirms it, is made against the version they have now seen.
        ModelState.Remove("Input.Version");
        Input.Version = current.Version;
        return Page();
    }
}
