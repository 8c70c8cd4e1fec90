using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace LiaisonStations.Web.Pages.Deputies;

/// <summary>
/// 明星代表: districts nominate deputies for the year; city staff take each nomination through initial
/// review, the public vote, the panel and approval (or reject it with a reason).
/// </summary>
public sealed class StarsModel(AppDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public bool CanNominate => me.CanManageDeputies();

    public bool CanDecide => me.SeesEverything;

    public sealed record Row(int Id, int DeputyId, string DeputyCode, string DeputyName, HonourStage Stage, string? Reason, int? Votes, string? PanelNote, string? RejectionReason, uint Version);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostNominateAsync(string? deputyCode, string? reason, CancellationToken ct)
    {
        if (!CanNominate)
        {
            return Forbid();
        }

        var year = ThisYearOrChosen();
        var code = deputyCode?.Trim() ?? string.Empty;
        var deputy = code.Length == 0 ? null : await db.Deputies.AsNoTracking().VisibleTo(me, db.Stations, db.Areas)
            .Where(d => d.Code == code && d.Status == DeputyStatus.Active).Select(d => new { d.Id, d.Name }).FirstOrDefaultAsync(ct);
        if (deputy is null)
        {
            return await ShowAsync(l["Stars.DeputyNotFound", code], ct);
        }

        if (await db.StarDeputies.AnyAsync(s => s.DeputyId == deputy.Id && s.Year == year, ct))
        {
            return await ShowAsync(l["Stars.AlreadyNominated", deputy.Name, year], ct);
        }

        try
        {
            db.StarDeputies.Add(StarDeputy.Nominate(deputy.Id, year, reason?.Trim(), clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
        }
        catch (DomainRuleException e)
        {
            return await ShowAsync(l.Rule(e), ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return await ShowAsync(l["Stars.AlreadyNominated", deputy.Name, year], ct);
        }

        TempData["Flash"] = l["Stars.Nominated", deputy.Name].Value;
        return RedirectToPage(new { year });
    }

    public async Task<IActionResult> OnPostAdvanceAsync(int honourId, string? step, int? votes, string? note, uint version, CancellationToken ct)
    {
        if (!CanDecide)
        {
            return Forbid();
        }

        var honour = await db.StarDeputies.FirstOrDefaultAsync(s => s.Id == honourId, ct);
        if (honour is null)
        {
            return NotFound();
        }

        Year = honour.Year;
        if (!HonourSteps.TryParse(step, out var parsed))
        {
            return await ShowAsync(l["Rule.Honour.StepUnknown"], ct);
        }

        var now = clock.GetUtcNow();
        if (!await this.SaveEditAsync(db, honour, version, h => h.Take(parsed, votes, null, note, now), l, ct))
        {
            await LoadAsync(ct);
            return Page();
        }

        return RedirectToPage(new { year = honour.Year });
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
        var visible = db.Deputies.VisibleTo(me, db.Stations, db.Areas).Select(d => d.Id);
        Rows = await db.StarDeputies.AsNoTracking()
            .Where(s => s.Year == year && visible.Contains(s.DeputyId))
            .Join(db.Deputies, s => s.DeputyId, d => d.Id, (s, d) => new { s, d })
            .OrderBy(x => x.s.Stage).ThenBy(x => x.d.Code)
            .Take(1000)
            .Select(x => new Row(x.s.Id, x.d.Id, x.d.Code, x.d.Name, x.s.Stage, x.s.NominationReason, x.s.PublicVotes, x.s.PanelNote, x.s.RejectionReason, x.s.Version))
            .ToListAsync(ct);
    }
}
