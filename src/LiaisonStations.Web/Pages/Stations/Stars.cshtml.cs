using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace LiaisonStations.Web.Pages.Stations;

/// <summary>
/// 星级联络站: districts nominate their stations with a proposed rating; city staff take each nomination
/// through initial review, the public vote, the panel (which sets 1–3 stars) and approval, or reject it.
/// </summary>
public sealed class StarsModel(AppDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public bool CanNominate => me.CanManageStations();

    public bool CanDecide => me.SeesEverything;

    public sealed record Row(int Id, int StationId, string StationCode, string StationName, HonourStage Stage, int Proposed, int? Stars, string? Reason, int? Votes, string? Note, uint Version);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostNominateAsync(string? stationCode, int? stars, string? reason, CancellationToken ct)
    {
        if (!CanNominate)
        {
            return Forbid();
        }

        var year = ThisYearOrChosen();
        var code = stationCode?.Trim() ?? string.Empty;
        var station = code.Length == 0 ? null : await db.Stations.AsNoTracking().ManageableBy(me).Where(s => s.Code == code && s.Status == StationStatus.Active)
            .Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(ct);
        if (station is null)
        {
            return await ShowAsync(l["StationStars.StationNotFound", code], ct);
        }

        try
        {
            db.StationStarRatings.Add(StationStarRating.Nominate(station.Id, year, stars ?? 0, reason?.Trim(), clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
        }
        catch (DomainRuleException e)
        {
            return await ShowAsync(l.Rule(e), ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return await ShowAsync(l["StationStars.AlreadyNominated", station.Name, year], ct);
        }

        TempData["Flash"] = l["Stars.Nominated", station.Name].Value;
        return RedirectToPage(new { year });
    }

    public async Task<IActionResult> OnPostAdvanceAsync(int ratingId, string? step, int? votes, int? stars, string? note, uint version, CancellationToken ct)
    {
        if (!CanDecide)
        {
            return Forbid();
        }

        var rating = await db.StationStarRatings.FirstOrDefaultAsync(r => r.Id == ratingId, ct);
        if (rating is null)
        {
            return NotFound();
        }

        Year = rating.Year;
        if (!HonourSteps.TryParse(step, out var parsed))
        {
            return await ShowAsync(l["Rule.Honour.StepUnknown"], ct);
        }

        var now = clock.GetUtcNow();
        if (!await this.SaveEditAsync(db, rating, version, h => h.Take(parsed, votes, stars, note, now), l, ct))
        {
            await LoadAsync(ct);
            return Page();
        }

        return RedirectToPage(new { year = rating.Year });
    }

    private int ThisYearOrChosen() => Year is >= 2000 and <= 2100 ? Year.Value : ChinaTime.DateOf(clock.GetUtcNow()).Year;

    private async Task<IActionResult> ShowAsync(string error, CancellationToken ct)
    {
        ModelState.AddModelError(string.Empty, error);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var year = ThisYearOrChosen();
        Year = year;
        var stations = db.Stations.VisibleTo(me);
        Rows = await db.StationStarRatings.AsNoTracking()
            .Where(r => r.Year == year)
            .Join(stations, r => r.StationId, s => s.Id, (r, s) => new { r, s })
            .OrderBy(x => x.r.Stage).ThenBy(x => x.s.Code)
            .Take(2000)
            .Select(x => new Row(x.r.Id, x.s.Id, x.s.Code, x.s.Name, x.r.Stage, x.r.ProposedStars, x.r.Stars, x.r.NominationReason, x.r.PublicVotes, x.r.RejectionReason ?? x.r.PanelNote, x.r.Version))
            .ToListAsync(ct);
    }
}
