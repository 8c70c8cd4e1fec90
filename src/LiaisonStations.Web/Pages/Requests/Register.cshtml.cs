using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Caching;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Requests;

/// <summary>
/// Quick registration of a citizen's request while the citizen is at the desk: one screen, keyboard only,
/// from a reception day (linked to it) or standalone. "Save and next" keeps station, day and channel so
/// a clerk can register a queue of citizens without leaving the page.
/// </summary>
public sealed class RegisterModel(
    AppDbContext db,
    CurrentUser me,
    ReferenceData reference,
    IValidator<RegisterModel.RegistrationInput> validator,
    TimeProvider clock,
    WorkMetrics metrics,
    ILogger<RegisterModel> logger,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public RegistrationInput Input { get; set; } = new();

    public IReadOnlyList<(int Id, string Name)> Stations { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Categories { get; private set; } = [];

    /// <summary>The reception day the request is registered during, if any.</summary>
    public ReceptionDay? Day { get; private set; }

    public string? DayStationName { get; private set; }

    public IReadOnlyList<SimilarRequest> Similar { get; private set; } = [];

    public sealed record SimilarRequest(long Id, string Number, DateOnly RegisteredOn, string Summary, RequestStatus Status);

    public sealed class RegistrationInput
    {
        /// <summary>The form's one-time key (hidden): sent twice, the same form registers one request.</summary>
        public Guid? SubmissionKey { get; set; }

        [Display(Name = "Request.Station")]
        public int? StationId { get; set; }

        public int? ReceptionDayId { get; set; }

        [Display(Name = "Request.Channel")]
        public RequestChannel? Channel { get; set; }

        [Display(Name = "Request.Category")]
        public int? CategoryId { get; set; }

        [Display(Name = "Request.Summary")]
        public string? Summary { get; set; }

        [Display(Name = "Request.CitizenName")]
        public string? CitizenName { get; set; }

        [Display(Name = "Request.CitizenPhone")]
        public string? CitizenPhone { get; set; }

        [Display(Name = "Request.CitizenAddress")]
        public string? CitizenAddress { get; set; }

        [Display(Name = "Request.ConsentToContact")]
        public bool ConsentToContact { get; set; }

        [Display(Name = "Request.ConsentToDisclose")]
        public bool ConsentToDisclose { get; set; }
    }

    public sealed class RegistrationInputValidator : AbstractValidator<RegistrationInput>
    {
        public RegistrationInputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(x => x.StationId).NotNull();
            RuleFor(x => x.Channel).NotNull().IsInEnum();
            RuleFor(x => x.CategoryId).NotNull();
            RuleFor(x => x.Summary).NotEmpty().MaximumLength(CitizenRequest.MaxSummaryLength);
            RuleFor(x => x.CitizenName).MaximumLength(50);
            RuleFor(x => x.CitizenPhone).Must(PhoneNumber.IsValid).When(x => !string.IsNullOrWhiteSpace(x.CitizenPhone)).WithMessage(_ => l["Validation.PhoneFormat"]);
            RuleFor(x => x.CitizenAddress).MaximumLength(200);
            RuleFor(x => x.ConsentToDisclose).Equal(false).When(x => !x.ConsentToContact && string.IsNullOrWhiteSpace(x.CitizenName) && string.IsNullOrWhiteSpace(x.CitizenPhone))
                .WithMessage(_ => l["Register.DiscloseNeedsIdentity"]);
        }
    }

    public async Task<IActionResult> OnGetAsync(int? day, int? station, RequestChannel? channel, CancellationToken ct)
    {
        if (!me.CanRegisterRequests())
        {
            return Forbid();
        }

        await LoadOptionsAsync(ct);
        Input.SubmissionKey = Guid.NewGuid();
        Input.Channel = channel is { } c && Enum.IsDefined(c) ? c : RequestChannel.WalkIn;
        if (day is { } dayId)
        {
            if (!await LoadDayAsync(dayId, ct))
            {
                return NotFound();
            }

            Input.ReceptionDayId = dayId;
            Input.StationId = Day!.StationId;
            Input.Channel = channel is { } dc && Enum.IsDefined(dc) ? dc : RequestChannel.Reception;
        }
        else
        {
            Input.StationId = station is { } s && Stations.Any(x => x.Id == s) ? s : Stations.Count == 1 ? Stations[0].Id : null;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? next, CancellationToken ct)
    {
        if (!me.CanRegisterRequests())
        {
            return Forbid();
        }

        // A key that is not a key (tampered) is no key: the form still saves, once.
        if (ModelState.GetFieldValidationState("Input.SubmissionKey") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.Remove("Input.SubmissionKey");
            Input.SubmissionKey = null;
        }

        if (await RegisteredBeforeAsync(ct) is { } done)
        {
            return ShowSaved(done);
        }

        if (Input.ReceptionDayId is { } dayId)
        {
            if (!await LoadDayAsync(dayId, ct))
            {
                return NotFound();
            }

            Input.StationId = Day!.StationId;
        }

        await LoadOptionsAsync(ct);
        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), ct))
        {
            return Page();
        }

        var station = await db.Stations.AsNoTracking().VisibleTo(me)
            .Where(s => s.Id == Input.StationId && s.Status == StationStatus.Active)
            .Select(s => new { s.Id, s.AreaPath })
            .FirstOrDefaultAsync(ct);
        if (station is null)
        {
            ModelState.AddModelError("Input.StationId", l["Register.StationNotAvailable"]);
            return Page();
        }

        if (!await db.RequestCategories.AnyAsync(c => c.Id == Input.CategoryId, ct))
        {
            ModelState.AddModelError("Input.CategoryId", l["Register.CategoryUnknown"]);
            return Page();
        }

        CitizenRequest request;
        try
        {
            (request, var savedBefore) = await SubmissionKeys.SaveOnceAsync(
                db, Input.SubmissionKey, key => RegisterAsync(station.Id, station.AreaPath, key, ct), () => RegisteredBeforeAsync(ct), logger);
            if (savedBefore)
            {
                // The same form, sent twice at once: the other send saved it.
                return ShowSaved(request);
            }
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(string.Empty, l.Rule(e));
            return Page();
        }

        metrics.RequestRegistered();
        TempData["Flash"] = l["Register.Saved", request.TrackingNumber].Value;
        if (next is not null)
        {
            return RedirectToPage("Register", new { day = Input.ReceptionDayId, station = Input.ReceptionDayId is null ? station.Id : (int?)null, channel = Input.Channel });
        }

        return RedirectToPage("Details", new { id = request.Id });
    }

    /// <summary>Numbers and saves the request in one transaction: a refused or failed save gives its number back.</summary>
    private Task<CitizenRequest> RegisterAsync(int stationId, string stationAreaPath, Guid? submissionKey, CancellationToken ct) =>
        db.InOneTransactionAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var number = await RecordNumbers.NextRequestNumberAsync(db, stationAreaPath, now, ct);
            var citizen = new CitizenContact(Trim(Input.CitizenName), Trim(Input.CitizenPhone), Trim(Input.CitizenAddress), Input.ConsentToContact, Input.ConsentToDisclose);
            var request = CitizenRequest.Register(
                number, RecordNumbers.NewTrackingCode(), stationId, Input.ReceptionDayId,
                Input.Channel!.Value, Input.CategoryId!.Value, Input.Summary!.Trim(), citizen, me.Actor, now);
            request.SubmittedWith(submissionKey);
            db.CitizenRequests.Add(request);
            await db.SaveChangesAsync(ct);
            return request;
        }, ct);

    /// <summary>The request this form's key already registered, when the user may see it (a key used outside their scope was copied, not sent twice).</summary>
    private async Task<CitizenRequest?> RegisteredBeforeAsync(CancellationToken ct) =>
        Input.SubmissionKey is not { } key ? null
        : await (await db.VisibleRequestsAsync(me, ct)).AsNoTracking().FirstOrDefaultAsync(r => r.SubmissionKey == key, ct);

    /// <summary>This form was sent before and saved: show what it registered rather than registering it again.</summary>
    private RedirectToPageResult ShowSaved(CitizenRequest done)
    {
        TempData["Flash"] = l["Register.AlreadySaved", done.TrackingNumber].Value;
        return RedirectToPage("Details", new { id = done.Id });
    }

    /// <summary>
    /// Possible duplicates while typing: open requests of the same station whose summaries are similar
    /// (pg_trgm similarity), so the clerk can add to the existing one instead of registering it twice.
    /// </summary>
    public async Task<IActionResult> OnGetSimilarAsync(int station, string? summary, CancellationToken ct)
    {
        if (!me.CanRegisterRequests())
        {
            return Forbid();
        }

        var text = summary?.Trim() ?? string.Empty;
        if (text.Length >= 4 && await db.Stations.VisibleTo(me).AnyAsync(s => s.Id == station, ct))
        {
            Similar = await FindSimilarAsync(db, station, text.Length > 500 ? text[..500] : text, ct);
        }

        return Partial("_SimilarRequests", Similar);
    }

    public static async Task<IReadOnlyList<SimilarRequest>> FindSimilarAsync(AppDbContext db, int stationId, string text, CancellationToken ct)
    {
        var open = RequestWorkflow.Open.Select(s => (int)s).ToArray();
        return await db.Database.SqlQuery<SimilarRequest>($"""
            SELECT id, tracking_number AS number, registered_on, summary, status
            FROM citizen_requests
            WHERE station_id = {stationId} AND status = ANY({open}) AND similarity(summary, {text}) >= 0.15
            ORDER BY similarity(summary, {text}) DESC, id DESC
            LIMIT 5
            """).ToListAsync(ct);
    }

    private async Task<bool> LoadDayAsync(int dayId, CancellationToken ct)
    {
        Day = await db.ReceptionDays.AsNoTracking().VisibleTo(me, db.Stations).FirstOrDefaultAsync(d => d.Id == dayId && d.Status != ReceptionDayStatus.Cancelled, ct);
        if (Day is null)
        {
            return false;
        }

        DayStationName = await db.Stations.Where(s => s.Id == Day.StationId).Select(s => s.Name).FirstAsync(ct);
        return true;
    }

    private async Task LoadOptionsAsync(CancellationToken ct)
    {
        Stations = (await reference.StationsVisibleToAsync(me, ct)).Where(s => s.Status == StationStatus.Active).Select(s => (s.Id, s.Name)).ToList();
        Categories = (await reference.CategoriesAsync(ct)).Select(c => (c.Id, c.Label)).ToList();
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
