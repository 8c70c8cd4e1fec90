using System.Text;
using LiaisonStations.Domain.Common;
using LiaisonStations.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>A station's reception days of the next half year as a calendar file to subscribe to.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicPages.CachePolicy)]
public sealed class CalendarModel(PublicDirectory directory, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int Days = 183;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var station = await directory.FindAsync(code, ct);
        if (station is null)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var days = await directory.UpcomingAsync(today, today.AddDays(Days - 1), station.Id, 200, ct);
        var ics = ReceptionCalendar.Write(
            station.Code,
            station.Name,
            station.Address,
            days,
            d => string.IsNullOrEmpty(d.Theme) ? $"{l.Enum(d.Type)} · {station.Name}" : $"{l.Enum(d.Type)}：{d.Theme}",
            l["Public.OnDuty"],
            now);
        return File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", station.Code + ".ics");
    }
}
