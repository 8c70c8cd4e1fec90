using LiaisonStations.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>The confirmation of a booking: when and where, and the code to cancel with (shown once, from TempData).</summary>
[AllowAnonymous]
public sealed class BookedModel(ReadOnlyDb db) : PageModel
{
    public const string CodeKey = "Booked.Code";

    public const string DayKey = "Booked.Day";

    public string Code { get; private set; } = string.Empty;

    public DateOnly Date { get; private set; }

    public TimeOnly? StartsAt { get; private set; }

    public string StationName { get; private set; } = string.Empty;

    public string? StationAddress { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (TempData[CodeKey] is not string code || TempData[DayKey] is not int dayId)
        {
            return Redirect($"{Request.PathBase}/public");
        }

        var day = await db.ReceptionDays.AsNoTracking().Where(d => d.Id == dayId)
            .Join(db.Stations, d => d.StationId, s => s.Id, (d, s) => new { d.Date, d.StartsAt, s.Name, s.Address })
            .FirstOrDefaultAsync(ct);
        if (day is null)
        {
            return Redirect($"{Request.PathBase}/public");
        }

        Code = RecordNumbers.FormatTrackingCode(code);
        (Date, StartsAt, StationName, StationAddress) = (day.Date, day.StartsAt, day.Name, day.Address);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
