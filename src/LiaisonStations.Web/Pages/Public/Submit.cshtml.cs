using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>
/// 反映问题: a citizen submits a request to a station from a phone, without an account. It becomes a request of
/// channel Online in the station's list (DESIGN §3.1: registered, with a tracking code). Robots are kept out
/// without any outside service: a hidden field people never fill, a minimum time to fill the form, limits per
/// address and per phone, and a drawn challenge once an address has used its daily allowance.
/// </summary>
[AllowAnonymous]
public sealed class SubmitModel(
    AppDbContext db,
    PublicDirectory directory,
    ReferenceData reference,
    PublicFormGuard guard,
    RateCounters counters,
    IValidator<SubmitModel.SubmissionInput> validator,
    TimeProvider clock,
    WorkMetrics metrics,
    ILogger<SubmitModel> logger,
    IStringLocalizer<SharedResource> l) : PageModel
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [BindProperty]
    public SubmissionInput Input { get; set; } = new();

    public Station? Station { get; private set; }

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    /// <summary>Set when this address has used its daily allowance: the form asks for the challenge.</summary>
    public string? ChallengeToken { get; private set; }

    /// <summary>A refusal that is not about one field (limits, robots).</summary>
    public string? Refusal { get; private set; }

    public sealed class SubmissionInput
    {
        public string? Station { get; set; }

        [Display(Name = "Request.Category")]
        public int? CategoryId { get; set; }

        [Display(Name = "Submit.Text")]
        public string? Text { get; set; }

        [Display(Name = "Submit.Name")]
        public string? Name { get; set; }

        [Display(Name = "Submit.Phone")]
        public string? Phone { get; set; }

        [Display(Name = "Submit.ConsentToContact")]
        public bool ConsentToContact { get; set; }

        [Display(Name = "Submit.ConsentToDisclose")]
        public bool ConsentToDisclose { get; set; }

        [Display(Name = "Submit.ConsentToPublish")]
        public bool ConsentToPublish { get; set; }

        [Display(Name = "Submit.Photos")]
        public List<IFormFile> Photos { get; set; } = [];

        /// <summary>The honeypot: hidden from people, filled by robots that fill every field.</summary>
        public string? Website { get; set; }

        public string? Ticket { get; set; }

        public string? ChallengeToken { get; set; }

        [Display(Name = "Submit.Challenge")]
        public string? ChallengeAnswer { get; set; }
    }

    public sealed class SubmissionInputValidator : AbstractValidator<SubmissionInput>
    {
        public SubmissionInputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(x => x.CategoryId).NotNull();
            RuleFor(x => x.Text).NotEmpty().MaximumLength(CitizenRequest.OnlineTextMaxLength);
            RuleFor(x => x.Name).MaximumLength(50);
            RuleFor(x => x.Phone).NotEmpty();
            RuleFor(x => x.Phone).Must(PhoneNumber.IsMobile).When(x => !string.IsNullOrWhiteSpace(x.Phone)).WithMessage(_ => l["Submit.PhoneMobile"]);
            RuleFor(x => x.Photos).Must(p => p.Count <= RequestPhoto.MaxPerRequest).WithMessage(_ => l["Submit.TooManyPhotos", RequestPhoto.MaxPerRequest]);
        }
    }

    public async Task<IActionResult> OnGetAsync(string? station, CancellationToken ct)
    {
        await LoadAsync(station, ct);
        if (Station is not null)
        {
            Input.Station = Station.Code;
            Input.Ticket = guard.NewTicket();
            if (await counters.CountAsync(AddressKey, Day, ct) >= guard.Options.SubmitsPerAddressBeforeChallenge)
            {
                ChallengeToken = guard.NewChallenge();
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(Input.Station, ct);
        if (Station is null)
        {
            return Page();
        }

        var outcome = await TrySubmitAsync(Station, ct);
        if (outcome is { } saved)
        {
            TempData[SubmittedModel.NumberKey] = saved.TrackingNumber;
            TempData[SubmittedModel.CodeKey] = saved.TrackingCode;
            return RedirectToPage("Submitted");
        }

        // Shown again with a fresh ticket (and a fresh challenge if one is due); files cannot be kept by a browser.
        Input.Ticket = guard.NewTicket();
        Input.ChallengeAnswer = null;
        return Page();
    }

    private async Task<CitizenRequest?> TrySubmitAsync(Station station, CancellationToken ct)
    {
        var submittedToday = await counters.CountAsync(AddressKey, Day, ct);
        var needsChallenge = submittedToday >= guard.Options.SubmitsPerAddressBeforeChallenge;
        if (guard.Screen("Online submission", Input.Website, Input.Ticket) is { } screened)
        {
            Refusal = l[screened];
            ChallengeToken = needsChallenge ? guard.NewChallenge() : null;
            return null;
        }

        // The same form sent again (a double tap, a resend after no answer came): what the first send saved.
        var key = guard.SubmissionKeyOf(Input.Ticket);
        if (await SubmittedBeforeAsync(key, ct) is { } earlier)
        {
            logger.LogInformation("Online request {Number}: the same form sent again, shown rather than saved twice", earlier.TrackingNumber);
            return earlier;
        }

        if (submittedToday >= guard.Options.SubmitsPerAddressPerDay)
        {
            logger.LogWarning("Online submission refused: the address's daily limit is reached");
            Refusal = l["Submit.AddressLimit"];
            return null;
        }

        if (needsChallenge)
        {
            var solved = await guard.SolvedAsync(Input.ChallengeToken, Input.ChallengeAnswer, ct);
            ChallengeToken = guard.NewChallenge();
            if (!solved)
            {
                ModelState.AddModelError("Input.ChallengeAnswer", l["Submit.ChallengeWrong"]);
                return null;
            }
        }

        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), ct))
        {
            return null;
        }

        if (Categories.All(c => c.Id != Input.CategoryId))
        {
            ModelState.AddModelError("Input.CategoryId", l["Register.CategoryUnknown"]);
            return null;
        }

        var phone = PhoneNumber.NormalizeMobile(Input.Phone)!;
        var phoneKey = RateCounters.Key("submit-phone", phone);
        if (await counters.CountAsync(phoneKey, Day, ct) >= guard.Options.SubmitsPerPhonePerDay)
        {
            logger.LogWarning("Online submission refused: the phone's daily limit is reached");
            ModelState.AddModelError("Input.Phone", l["Submit.PhoneLimit", guard.Options.SubmitsPerPhonePerDay]);
            return null;
        }

        var photos = new List<CitizenPhotos.Photo>();
        foreach (var file in Input.Photos)
        {
            var (photo, refusal) = await CitizenPhotos.ReencodeAsync(file, ct);
            if (photo is null)
            {
                var name = Path.GetFileName(file.FileName);
                ModelState.AddModelError("Input.Photos", refusal == CitizenPhotos.Refusal.TooLarge ? l["Submit.PhotoTooLarge", name] : l["Submit.PhotoNotPhoto", name]);
                continue;
            }

            photos.Add(photo);
        }

        if (!ModelState.IsValid)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var citizen = new CitizenContact(Clean(Input.Name), phone, null, Input.ConsentToContact, Input.ConsentToDisclose);
        CitizenRequest request;
        try
        {
            (request, var savedBefore) = await SubmissionKeys.SaveOnceAsync(
                db, key, k => SaveAsync(station, citizen, photos, k, now, ct), () => SubmittedBeforeAsync(key, ct), logger);
            if (savedBefore)
            {
                // Sent twice at the same moment: the other send saved it (and was counted).
                return request;
            }
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(string.Empty, l.Rule(e));
            return null;
        }

        await counters.HitAsync(AddressKey, Day, ct);
        await counters.HitAsync(phoneKey, Day, ct);
        metrics.RequestRegistered();
        logger.LogInformation("Online request {Number} submitted to station {Station} with {Photos} photo(s)", request.TrackingNumber, station.Code, photos.Count);
        return request;
    }

    /// <summary>Numbers and saves the request with its photos in one transaction: a refused or failed save gives its number back.</summary>
    private Task<CitizenRequest> SaveAsync(Station station, CitizenContact citizen, List<CitizenPhotos.Photo> photos, Guid? key, DateTimeOffset now, CancellationToken ct) =>
        db.InOneTransactionAsync(async () =>
        {
            var number = await RecordNumbers.NextRequestNumberAsync(db, station.AreaPath, now, ct);
            var submitted = CitizenRequest.SubmitOnline(number, RecordNumbers.NewTrackingCode(), station.Id, Input.CategoryId!.Value, Clean(Input.Text)!, citizen, Input.ConsentToPublish, now);
            submitted.SubmittedWith(key);
            db.CitizenRequests.Add(submitted);
            foreach (var photo in photos)
            {
                db.RequestPhotos.Add(RequestPhoto.For(submitted, CitizenPhotos.Photo.ContentType, photo.Content, photo.Width, photo.Height, now));
            }

            await db.SaveChangesAsync(ct);
            return submitted;
        }, ct);

    /// <summary>
    /// The request this form's key already made, when it was sent with the same phone (whoever has the page and the
    /// phone is the citizen who sent it; a copied page with another phone learns nothing).
    /// </summary>
    private async Task<CitizenRequest?> SubmittedBeforeAsync(Guid? key, CancellationToken ct)
    {
        if (key is null || PhoneNumber.NormalizeMobile(Input.Phone) is not { } phone)
        {
            return null;
        }

        return await db.CitizenRequests.AsNoTracking().FirstOrDefaultAsync(r => r.SubmissionKey == key && r.CitizenPhone == phone, ct);
    }

    private string AddressKey => RateCounters.Key("submit-address", RateCounters.AddressOf(HttpContext));

    private async Task LoadAsync(string? stationCode, CancellationToken ct)
    {
        Categories = await reference.CategoriesAsync(ct);
        Station = string.IsNullOrWhiteSpace(stationCode) || stationCode.Length > 40 ? null : await directory.FindAsync(stationCode.Trim(), ct);
    }

    /// <summary>Text as typed, trimmed, without control characters (line breaks stay); it is always shown as text.</summary>
    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var kept = new string(text.Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t').ToArray()).Trim();
        return kept.Length == 0 ? null : kept;
    }
}
