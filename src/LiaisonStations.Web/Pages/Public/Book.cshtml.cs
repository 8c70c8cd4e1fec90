using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>
/// 预约接待: a citizen books a place on an upcoming reception day (name, mobile, topic) and gets a code to cancel
/// with. The same guards as the submission form keep robots out; the places are counted in the day itself, so two
/// citizens taking the last place at once cannot both get it (the second save is refused and tried again).
/// </summary>
[AllowAnonymous]
public sealed class BookModel(
    AppDbContext db,
    PublicFormGuard guard,
    RateCounters counters,
    IValidator<BookModel.BookingInput> validator,
    TimeProvider clock,
    ILogger<BookModel> logger,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public BookingInput Input { get; set; } = new();

    public ReceptionDay? Day { get; private set; }

    public string StationName { get; private set; } = string.Empty;

    public string StationCode { get; private set; } = string.Empty;

    public string? Refusal { get; private set; }

    /// <summary>Whether the day still takes bookings (planned, today or later, a place left).</summary>
    public bool Open { get; private set; }

    public sealed class BookingInput
    {
        [Display(Name = "Book.Name")]
        public string? Name { get; set; }

        [Display(Name = "Submit.Phone")]
        public string? Phone { get; set; }

        [Display(Name = "Book.Topic")]
        public string? Topic { get; set; }

        public string? Website { get; set; }

        public string? Ticket { get; set; }
    }

    public sealed class BookingInputValidator : AbstractValidator<BookingInput>
    {
        public BookingInputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(50);
            RuleFor(x => x.Phone).NotEmpty();
            RuleFor(x => x.Phone).Must(PhoneNumber.IsMobile).When(x => !string.IsNullOrWhiteSpace(x.Phone)).WithMessage(_ => l["Submit.PhoneMobile"]);
            RuleFor(x => x.Topic).NotEmpty().MaximumLength(Appointment.MaxTopicLength);
        }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input.Ticket = guard.NewTicket();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var code = await TryBookAsync(ct);
        if (code is not null)
        {
            TempData[BookedModel.CodeKey] = code;
            TempData[BookedModel.DayKey] = Day!.Id;
            return RedirectToPage("Booked");
        }

        Input.Ticket = guard.NewTicket();
        return Page();
    }

    private async Task<string?> TryBookAsync(CancellationToken ct)
    {
        if (guard.Screen("Booking", Input.Website, Input.Ticket) is { } refusal)
        {
            Refusal = l[refusal];
            return null;
        }

        var addressKey = RateCounters.Key("book-address", RateCounters.AddressOf(HttpContext));
        if (await counters.CountAsync(addressKey, TimeSpan.FromDays(1), ct) >= guard.Options.SubmitsPerAddressPerDay)
        {
            Refusal = l["Submit.AddressLimit"];
            return null;
        }

        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), ct))
        {
            return null;
        }

        // Two tries: a booking saved meanwhile by someone else changes the day; read it again and decide anew.
        for (var attempt = 0; ; attempt++)
        {
            var code = RecordNumbers.NewTrackingCode();
            try
            {
                Day!.Book(Input.Name!, Input.Phone!, Input.Topic!, code, clock.GetUtcNow());
                await db.SaveChangesAsync(ct);
                await counters.HitAsync(addressKey, TimeSpan.FromDays(1), ct);
                logger.LogInformation("Reception day {Day} booked online", Day.Id);
                return code;
            }
            catch (DomainRuleException e)
            {
                ModelState.AddModelError(string.Empty, l.Rule(e));
                return null;
            }
            catch (DbUpdateConcurrencyException) when (attempt == 0)
            {
                db.ChangeTracker.Clear();
                Day = await db.ReceptionDays.FirstAsync(d => d.Id == Day!.Id, ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError(string.Empty, l["Book.Busy"]);
                return null;
            }
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var found = await db.ReceptionDays
            .Join(db.Stations.Where(s => s.Status == StationStatus.Active), d => d.StationId, s => s.Id, (d, s) => new { d, s.Name, s.Code })
            .FirstOrDefaultAsync(x => x.d.Id == id, ct);
        if (found is null || found.d.AppointmentCapacity is null || !found.d.IsReception)
        {
            return false;
        }

        Day = found.d;
        StationName = found.Name;
        StationCode = found.Code;
        Open = Day.TakesAppointments(ChinaTime.DateOf(clock.GetUtcNow())) && Day.PlacesTaken < Day.AppointmentCapacity;
        if (!Open)
        {
            Refusal ??= l["Book.Closed"];
        }

        return true;
    }
}
