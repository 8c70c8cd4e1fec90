using LiaisonStations.Domain.Common;
using LiaisonStations.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>The citizens' home: find a station, and who receives where in the next two weeks.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicPages.CachePolicy)]
public sealed class IndexModel(PublicDirectory directory, ReferenceData reference, TimeProvider clock) : PageModel
{
    public const int Days = 14;

    public IReadOnlyList<AreaOption> Districts { get; private set; } = [];

    public IReadOnlyList<PublicReceptionDay> Upcoming { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = ChinaTime.DateOf(clock.GetUtcNow());
        Districts = await reference.DistrictsAsync(ct);
        Upcoming = await directory.UpcomingAsync(Today, Today.AddDays(Days - 1), null, 60, ct);
    }
}
