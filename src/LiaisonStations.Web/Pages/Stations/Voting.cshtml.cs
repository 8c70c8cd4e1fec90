using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Voting;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using LiaisonStations.Web.Pages.Public;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Stations;

/// <summary>
/// 网上投票 for city staff: open a voting window on the year's nominations (star stations or star deputies) that passed
/// the initial review, follow the count, and once it has closed enter each nominee's votes into its public-vote stage.
/// </summary>
public sealed class VotingModel(AppDbContext db, CurrentUser me, VotingBallot ballot, TimeProvider clock, IValidator<VotingModel.RoundInput> validator, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public RoundInput Input { get; set; } = new();

    public sealed record RoundLine(VotingRound Round, int Votes, string State);

    public IReadOnlyList<RoundLine> Rounds { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public sealed class RoundInput
    {
        [Display(Name = "Voting.Kind")]
        public HonourKind? Kind { get; set; }

        [Display(Name = "Voting.Year")]
        public int? Year { get; set; }

        [Display(Name = "Voting.RoundTitle")]
        public string? Title { get; set; }

        [Display(Name = "Voting.OpensOn")]
        public DateOnly? OpensOn { get; set; }

        [Display(Name = "Voting.ClosesOn")]
        public DateOnly? ClosesOn { get; set; }
    }

    public sealed class RoundInputValidator : AbstractValidator<RoundInput>
    {
        public RoundInputValidator()
        {
            RuleFor(x => x.Kind).NotNull().IsInEnum();
            RuleFor(x => x.Year).NotNull().InclusiveBetween(2000, 2100);
            RuleFor(x => x.Title).NotEmpty().MaximumLength(VotingRound.MaxTitleLength);
            RuleFor(x => x.OpensOn).NotNull();
            RuleFor(x => x.ClosesOn).NotNull().GreaterThanOrEqualTo(x => x.OpensOn).When(x => x.OpensOn is not null);
        }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input = new RoundInput { Kind = HonourKind.StationStars, Year = Today.Year, OpensOn = Today, ClosesOn = Today.AddDays(14) };
    }

    public async Task<IActionResult> OnPostOpenAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), ct))
        {
            return Page();
        }

        var year = Input.Year!.Value;
        var nominees = Input.Kind == HonourKind.StationStars
            ? await db.StationStarRatings.Where(r => r.Year == year && r.Stage == HonourStage.InitialReviewPassed).Select(r => r.Id).ToListAsync(ct)
            : await db.StarDeputies.Where(r => r.Year == year && r.Stage == HonourStage.InitialReviewPassed).Select(r => r.Id).ToListAsync(ct);
        var round = await this.SaveNewAsync(db, () => db.VotingRounds.Add(VotingRound.Open(Input.Kind!.Value, year, Input.Title!, Input.OpensOn!.Value, Input.ClosesOn!.Value, nominees, me.Actor, clock.GetUtcNow())).Entity, l, ct);
        if (round is null)
        {
            return Page();
        }

        TempData["Flash"] = l["Voting.Opened", round.Title, nominees.Count].Value;
        return RedirectToPage();
    }

    /// <summary>Enters each nominee's count into its nomination (the public-vote stage) once the window has closed.</summary>
    public async Task<IActionResult> OnPostCountAsync(int id, CancellationToken ct)
    {
        var round = await db.VotingRounds.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (round is null)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow();
        try
        {
            round.MarkCounted(now);
            var counts = await ballot.VoteCountsAsync(round.Id, ct);
            var ids = round.Nominees.Select(n => n.HonourId).ToArray();
            IEnumerable<AnnualHonour> honours = round.Kind == HonourKind.StationStars
                ? await db.StationStarRatings.Where(r => ids.Contains(r.Id) && r.Stage == HonourStage.InitialReviewPassed).ToListAsync(ct)
                : await db.StarDeputies.Where(r => ids.Contains(r.Id) && r.Stage == HonourStage.InitialReviewPassed).ToListAsync(ct);
            foreach (var honour in honours)
            {
                honour.RecordPublicVotes(counts.GetValueOrDefault(honour.Id));
            }

            await db.SaveChangesAsync(ct);
        }
        catch (DomainRuleException e)
        {
            TempData["Flash"] = l.Rule(e);
            return RedirectToPage();
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Flash"] = l["Common.ConflictReload"].Value;
            return RedirectToPage();
        }

        TempData["Flash"] = l["Voting.Counted", round.Title].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = ChinaTime.DateOf(clock.GetUtcNow());
        var rounds = await db.VotingRounds.AsNoTracking().OrderByDescending(r => r.OpensOn).ThenByDescending(r => r.Id).Take(100).ToListAsync(ct);
        var ids = rounds.Select(r => r.Id).ToArray();
        var votes = await db.PublicVotes.AsNoTracking().Where(v => ids.Contains(v.RoundId)).GroupBy(v => v.RoundId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Rounds = rounds.Select(r => new RoundLine(r, votes.GetValueOrDefault(r.Id),
            r.CountedAt is not null ? "Counted" : r.IsOpenOn(Today) ? "Open" : r.OpensOn > Today ? "Upcoming" : "Closed")).ToList();
    }
}
