using System.ComponentModel.DataAnnotations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>
/// 取消预约: the citizen cancels a booking with its code and the phone's last four digits. Like a look-up, a wrong
/// code and wrong digits get the same answer, and attempts count against the address's look-up limit.
/// </summary>
[AllowAnonymous]
public sealed class CancelBookingModel(AppDbContext db, PublicFormGuard guard, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CancelInput Input { get; set; } = new();

    public string? Message { get; private set; }

    public bool Cancelled { get; private set; }

    public sealed class CancelInput
    {
        [Display(Name = "Booked.Code")]
        public string? Code { get; set; }

        [Display(Name = "Track.PhoneDigits")]
        public string? PhoneDigits { get; set; }
    }

    public void OnGet() => Response.Headers.CacheControl = "no-store";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (string.IsNullOrWhiteSpace(Input.Code) || string.IsNullOrWhiteSpace(Input.PhoneDigits))
        {
            Message = l["Cancel.Required"];
            return Page();
        }

        if (await guard.LookupRefusedAsync(HttpContext, ct))
        {
            Message = l["Track.TooMany"];
            return Page();
        }

        var code = RecordNumbers.NormalizeTrackingCode(Input.Code);
        var digits = Input.PhoneDigits.Trim();
        var day = code is null ? null : await db.ReceptionDays.FirstOrDefaultAsync(d => d.Appointments.Any(a => a.Code == code), ct);
        if (day is null || !day.CancelAppointment(code!, digits, clock.GetUtcNow()))
        {
            Message = l["Cancel.NotFound"];
            return Page();
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            Message = l["Book.Busy"];
            return Page();
        }

        Cancelled = true;
        return Page();
    }
}
