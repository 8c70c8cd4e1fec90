using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Consultations;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Statistics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>
/// A station's public page: where it is, when deputies receive, who is stationed there (never their phone), what
/// is coming up, this year's work in figures (the dashboard's own, so the two always agree) and, at a
/// legislative contact point, the drafts open for opinions.
/// </summary>
[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicPages.CachePolicy)]
public sealed class StationModel(ReadOnlyDb db, PublicDirectory directory, SharedMetrics metrics, TimeProvider clock) : PageModel
{
    public const int UpcomingDays = 60;

    public sealed record OpenConsultation(string Title, DateOnly ClosesOn);

    public Station Station { get; private set; } = null!;

    public string AreaName { get; private set; } = string.Empty;

    public IReadOnlyList<PublicDeputy> Deputies { get; private set; } = [];

    public IReadOnlyList<PublicReceptionDay> Upcoming { get; private set; } = [];

    public IReadOnlyList<OpenConsultation> Consultations { get; private set; } = [];

    public Metrics ThisYear { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var station = await directory.FindAsync(code, ct);
        if (station is null)
        {
            return NotFound();
        }

        Station = station;
        Today = ChinaTime.DateOf(clock.GetUtcNow());
        AreaName = await db.Areas.Where(a => a.Id == station.AreaId).Select(a => a.Name).FirstAsync(ct);
        Deputies = await directory.StationedAsync(station.Id, ct);
        Upcoming = await directory.UpcomingAsync(Today, Today.AddDays(UpcomingDays - 1), station.Id, 30, ct);
        if (station.IsLegislativeContactPoint)
        {
            Consultations = await db.LegislativeConsultations.AsNoTracking()
                .Where(c => c.StationId == station.Id && c.Status == ConsultationStatus.Open && c.OpensOn <= Today && c.ClosesOn >= Today)
                .OrderBy(c => c.ClosesOn).Select(c => new OpenConsultation(c.DraftTitle, c.ClosesOn)).ToListAsync(ct);
        }

        ThisYear = (await metrics.ForStationAsync(station.Id, new DateOnly(Today.Year, 1, 1), Today, ct)).Metrics;
        return Page();
    }
}
