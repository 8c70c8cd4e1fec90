using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Voting;
using LiaisonStations.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>网上投票: the rounds open now, and this year's rounds already counted (with their results).</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicPages.CachePolicy)]
public sealed class VotesModel(ReadOnlyDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<VotingRound> Open { get; private set; } = [];

    public IReadOnlyList<VotingRound> Finished { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var rounds = await db.VotingRounds.AsNoTracking().Where(r => r.OpensOn <= today && r.Year >= today.Year - 1)
            .OrderByDescending(r => r.ClosesOn).Take(50).ToListAsync(ct);
        Open = rounds.Where(r => r.IsOpenOn(today)).ToList();
        Finished = rounds.Where(r => !r.IsOpenOn(today)).ToList();
    }
}
