using LiaisonStations.Domain.Stations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Stations;

public sealed class CreateModel(StationForm form, StationLookups lookups, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public StationInput Input { get; set; } = new();

    public StationFormOptions Options { get; private set; } = StationFormOptions.Empty;

    public async Task OnGetAsync(string? district, CancellationToken ct)
    {
        Input = new StationInput { Kind = StationKind.Station, HostType = HostType.PartyServiceCenter, DistrictCode = district, ScheduleKind = ScheduleKind.MonthlyOnDay, ScheduleDayOfMonth = 15 };
        Options = await lookups.FormOptionsAsync(district, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Options = await lookups.FormOptionsAsync(Input.DistrictCode, ct);
        var station = await form.ApplyAsync(Input, null, ModelState, ct);
        if (station is null || !await form.SaveAsync(ModelState, ct))
        {
            return Page();
        }

        TempData["Flash"] = l["Stations.Created", station.Name].Value;
        return RedirectToPage("Details", new { id = station.Id });
    }
}
