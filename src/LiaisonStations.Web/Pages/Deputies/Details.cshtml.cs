using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Deputies;

/// <summary>A deputy's profile: levels and constituency, the stations they are and were stationed at, honours and this year's activity.</summary>
public sealed class DetailsModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    public Deputy Deputy { get; private set; } = null!;

    public string? ConstituencyName { get; private set; }

    public IReadOnlyDictionary<int, string> StationNames { get; private set; } = new Dictionary<int, string>();

    public IReadOnlyList<StarDeputy> Honours { get; private set; } = [];

    public int ReceptionDaysThisYear { get; private set; }

    public int OpenRequests { get; private set; }

    public int Year { get; private set; }

    public bool CanManage => me.CanManageDeputies();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var deputy = await db.Deputies.AsNoTracking().VisibleTo(me, db.Stations, db.Areas).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (deputy is null)
        {
            return NotFound();
        }

        Deputy = deputy;
        ConstituencyName = deputy.ConstituencyAreaId is { } areaId ? await db.Areas.Where(a => a.Id == areaId).Select(a => a.Name).FirstOrDefaultAsync(ct) : null;
        var stationIds = deputy.Assignments.Select(a => a.StationId).Distinct().ToList();
        StationNames = await db.Stations.AsNoTracking().Where(s => stationIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        Honours = await db.StarDeputies.AsNoTracking().Where(h => h.DeputyId == id).OrderByDescending(h => h.Year).ToListAsync(ct);
        Year = ChinaTime.DateOf(clock.GetUtcNow()).Year;
        var from = new DateOnly(Year, 1, 1);
        var to = new DateOnly(Year, 12, 31);
        ReceptionDaysThisYear = await db.ReceptionDays.AsNoTracking()
            .CountAsync(d => d.Date >= from && d.Date <= to && d.Status == Domain.Receptions.ReceptionDayStatus.Held && d.Deputies.Any(x => x.DeputyId == id && x.Attended), ct);
        var open = Domain.Requests.RequestWorkflow.Open.ToArray();
        OpenRequests = await db.CitizenRequests.AsNoTracking().CountAsync(r => open.Contains(r.Status) && r.Deputies.Any(d => d.DeputyId == id), ct);
        return Page();
    }
}
