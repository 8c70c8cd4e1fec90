using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Stations;

/// <summary>One station: its details, the eight standards, the deputies stationed there and its own figures.</summary>
public sealed class DetailsModel(AppDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public Station Station { get; private set; } = null!;

    public IReadOnlyList<string> AreaTrail { get; private set; } = [];

    public IReadOnlyList<StationedDeputy> Deputies { get; private set; } = [];

    public Figures ThisYear { get; private set; } = null!;

    public int? Stars { get; private set; }

    public bool CanManage => me.CanManageStations();

    public sealed record StationedDeputy(int Id, string Code, string Name, DeputyLevels Levels, AssignmentRole Role, DateOnly From);

    public sealed record Figures(int Year, int ReceptionDays, int DeputyParticipations, int CitizensReceived, int Requests, int OpenRequests);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var station = await db.Stations.AsNoTracking().VisibleTo(me).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (station is null)
        {
            return NotFound();
        }

        Station = station;
        var codes = station.AreaPath.Split('.');
        var names = await db.Areas.AsNoTracking().Where(a => codes.Contains(a.Code)).Select(a => new { a.Code, a.Name }).ToListAsync(ct);
        AreaTrail = codes.Select(c => names.FirstOrDefault(n => n.Code == c)?.Name ?? c).ToList();

        Deputies = await db.Deputies.AsNoTracking()
            .SelectMany(d => d.Assignments.Where(a => a.StationId == id && a.To == null), (d, a) => new { d, a })
            .OrderBy(x => x.a.Role).ThenBy(x => x.d.Code)
            .Select(x => new StationedDeputy(x.d.Id, x.d.Code, x.d.Name, x.d.Levels, x.a.Role, x.a.From))
            .ToListAsync(ct);

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var from = new DateOnly(today.Year, 1, 1);
        var to = new DateOnly(today.Year, 12, 31);
        var reception = await db.ReceptionDays.AsNoTracking()
            .Where(r => r.StationId == id && r.Status == ReceptionDayStatus.Held
                && (r.Type == ReceptionDayType.Reception || r.Type == ReceptionDayType.ThemedReception)
                && r.Date >= from && r.Date <= to)
            .GroupBy(_ => 1)
            .Select(g => new { Days = g.Count(), Deputies = g.Sum(r => r.DeputiesAttended), Citizens = g.Sum(r => r.CitizensReceived) })
            .SingleOrDefaultAsync(ct);
        var open = RequestWorkflow.Open.ToArray();
        var requests = await db.CitizenRequests.AsNoTracking().CountAsync(r => r.StationId == id && r.RegisteredOn >= from && r.RegisteredOn <= to, ct);
        var openRequests = await db.CitizenRequests.AsNoTracking().CountAsync(r => r.StationId == id && open.Contains(r.Status), ct);
        ThisYear = new Figures(today.Year, reception?.Days ?? 0, reception?.Deputies ?? 0, reception?.Citizens ?? 0, requests, openRequests);

        Stars = await db.StationStarRatings.AsNoTracking()
            .Where(r => r.StationId == id && r.Stage == HonourStage.Approved)
            .OrderByDescending(r => r.Year)
            .Select(r => r.Stars)
            .FirstOrDefaultAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReopenAsync(int id, uint version, CancellationToken ct)
    {
        var station = await db.Stations.ManageableBy(me).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (station is null)
        {
            return NotFound();
        }

        db.Entry(station).Property(s => s.Version).OriginalValue = version;
        try
        {
            station.Reopen(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = l["Stations.Reopened"].Value;
        }
        catch (DomainRuleException e)
        {
            TempData["Flash"] = l.Rule(e);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Flash"] = l["Common.ConflictReload"].Value;
        }

        return RedirectToPage(new { id });
    }

    public string ScheduleText() => ScheduleDescription.Describe(Station.Schedule, l);
}
