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

        // The form's one-time key gives its code: the same form sent again (a double tap, a resend after no answer
        // came) finds the place its first send booked and shows that code again, whatever the limits say now.
        var key = guard.SubmissionKeyOf(Input.Ticket);
        var code = key is { } k ? RecordNumbers.TrackingCodeFrom(k) : RecordNumbers.NewTrackingCode();
        if (Day!.BookedUnder(Input.Phone, code) is not null)
        {
            logger.LogInformation("Reception day {Day}: the same booking form sent again, shown rather than refused", Day.Id);
            return code;
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
            if (attempt > 0 && Day!.BookedUnder(Input.Phone, code) is not null)
            {
                // Sent twice at the same moment: the other send booked it.
                return code;
            }

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
            catch (DbUpdateException e) when (attempt == 0 && e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_reception_day_appointments_code" })
            {
                // The form's code is already another booking's (this form booked, was cancelled and is sent again,
                // or its ticket was carried to another day's form): a code of its own.
                db.ChangeTracker.Clear();
                Day = await db.ReceptionDays.FirstAsync(d => d.Id == Day!.Id, ct);
                code = RecordNumbers.NewTrackingCode();
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
