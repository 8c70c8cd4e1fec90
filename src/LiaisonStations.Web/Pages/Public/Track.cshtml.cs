using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>
/// 查询进度: the citizen's 查询码 and the last four digits of their phone open the request's public timeline and,
/// once it is resolved, the evaluation (满意 / 基本满意 / 不满意, once per closing). A wrong code and wrong digits
/// get the same answer, and look-ups are limited per address, so codes cannot be found by trying. Sent by POST,
/// so the code is never in an address, a browser history or a log.
/// </summary>
[AllowAnonymous]
public sealed class TrackModel(
    AppDbContext db,
    ReferenceData reference,
    PublicFormGuard guard,
    IDataProtectionProvider protection,
    TimeProvider clock,
    ILogger<TrackModel> logger,
    IStringLocalizer<SharedResource> l) : PageModel
{
    private readonly ITimeLimitedDataProtector _evaluationTokens = protection.CreateProtector("LiaisonStations.Public.Evaluation").ToTimeLimitedDataProtector();

    [BindProperty]
    public LookupInput Input { get; set; } = new();

    public PublicTimeline? Timeline { get; private set; }

    /// <summary>Carries the request and its closing round to the evaluation form (sealed, 30 minutes).</summary>
    public string? EvaluationToken { get; private set; }

    public string? Message { get; private set; }

    public string? Thanks { get; private set; }

    public sealed class LookupInput
    {
        [Display(Name = "Track.Code")]
        public string? Code { get; set; }

        [Display(Name = "Track.PhoneDigits")]
        public string? PhoneDigits { get; set; }
    }

    public sealed class EvaluationInput
    {
        public string? Token { get; set; }

        public Evaluation? Evaluation { get; set; }

        public string? Comment { get; set; }
    }

    public void OnGet() => Response.Headers.CacheControl = "no-store";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (string.IsNullOrWhiteSpace(Input.Code))
        {
            ModelState.AddModelError("Input.Code", l["Track.CodeRequired"]);
        }

        if (string.IsNullOrWhiteSpace(Input.PhoneDigits))
        {
            ModelState.AddModelError("Input.PhoneDigits", l["Track.DigitsRequired"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await guard.LookupRefusedAsync(HttpContext, ct))
        {
            logger.LogWarning("Tracking look-up refused: the address's hourly limit is reached");
            Message = l["Track.TooMany"];
            return Page();
        }

        var request = await FindAsync(RecordNumbers.NormalizeTrackingCode(Input.Code), Input.PhoneDigits?.Trim(), ct);
        if (request is null)
        {
            Message = l["Track.NotFound"];
            return Page();
        }

        await ShowAsync(request, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEvaluateAsync([FromForm(Name = "Evaluation")] EvaluationInput evaluation, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        ModelState.Clear();
        if (ReadToken(evaluation.Token) is not var (id, round))
        {
            Message = l["Track.EvaluationExpired"];
            return Page();
        }

        var request = await db.CitizenRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            Message = l["Track.EvaluationExpired"];
            return Page();
        }

        if (request.ClosingRound != round || !request.AwaitsEvaluation)
        {
            Message = l["Track.AlreadyEvaluated"];
            await ShowAsync(request, ct);
            return Page();
        }

        if (evaluation.Evaluation is not { } value || !Enum.IsDefined(value))
        {
            ModelState.AddModelError("Evaluation.Evaluation", l["Track.EvaluationRequired"]);
            await ShowAsync(request, ct);
            return Page();
        }

        try
        {
            request.EvaluateOnline(value, evaluation.Comment, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DomainRuleException or DbUpdateConcurrencyException)
        {
            // Refused, or changed by the station meanwhile: the request as it stands, with why.
            if (e is DomainRuleException rule)
            {
                ModelState.AddModelError("Evaluation.Comment", l.Rule(rule));
            }
            else
            {
                Message = l["Track.ChangedMeanwhile"];
            }

            db.ChangeTracker.Clear();
            await ShowAsync(await db.CitizenRequests.AsNoTracking().FirstAsync(r => r.Id == id, ct), ct);
            return Page();
        }

        logger.LogInformation("Request {Number} evaluated online: {Evaluation}", request.TrackingNumber, value);
        Thanks = value == Evaluation.Unsatisfied ? l["Track.ThanksReopened"] : l["Track.Thanks"];
        await ShowAsync(request, ct);
        return Page();
    }

    private async Task<CitizenRequest?> FindAsync(string? code, string? digits, CancellationToken ct)
    {
        if (code is null || digits is not { Length: 4 } || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var request = await db.CitizenRequests.AsNoTracking().FirstOrDefaultAsync(r => r.TrackingCode == code, ct);

        // The same answer for an unknown code and for wrong digits: neither tells which part was wrong.
        return request is not null && request.PhoneEndsWith(digits) ? request : null;
    }

    private async Task ShowAsync(CitizenRequest request, CancellationToken ct)
    {
        var departments = (await reference.DepartmentsAsync(ct)).ToDictionary(d => d.Id, d => d.Name);
        Timeline = PublicTimeline.Of(request, id => departments.GetValueOrDefault(id));
        EvaluationToken = request.AwaitsEvaluation
            ? _evaluationTokens.Protect(request.Id.ToString(CultureInfo.InvariantCulture) + "|" + request.ClosingRound.ToString(CultureInfo.InvariantCulture), TimeSpan.FromMinutes(30))
            : null;
    }

    private (long Id, int Round)? ReadToken(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = _evaluationTokens.Unprotect(token).Split('|');
            return (long.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
