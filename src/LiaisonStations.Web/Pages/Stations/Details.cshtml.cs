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

    /// <summary>Whether the user plans this station's reception days (clerks of the station, its district, administrators).</summary>
    public bool CanPlan { get; private set; }

    public IReadOnlyList<RecentDay> RecentDays { get; private set; } = [];

    public IReadOnlyList<RecentRequest> RecentRequests { get; private set; } = [];

    public sealed record RecentDay(int Id, DateOnly Date, ReceptionDayType Type, ReceptionDayStatus Status, int CitizensReceived);

    public sealed record RecentRequest(long Id, string Number, DateOnly RegisteredOn, string Summary, RequestStatus Status);

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
        var requests = await db.CitizenRequests.AsNoTracking().CountAsync(r => r.StationId == id && r.RegisteredOn >= from && r.RegisteredOn <= to && !r.WithdrawnAsSpam, ct);
        var openRequests = await db.CitizenRequests.AsNoTracking().CountAsync(r => r.StationId == id && open.Contains(r.Status), ct);
        ThisYear = new Figures(today.Year, reception?.Days ?? 0, reception?.Deputies ?? 0, reception?.Citizens ?? 0, requests, openRequests);

        Stars = await db.StationStarRatings.AsNoTracking()
            .Where(r => r.StationId == id && r.Stage == HonourStage.Approved)
            .OrderByDescending(r => r.Year)
            .Select(r => r.Stars)
            .FirstOrDefaultAsync(ct);

        RecentDays = await db.ReceptionDays.AsNoTracking().Where(d => d.StationId == id && d.Date <= today.AddDays(60))
            .OrderByDescending(d => d.Date).ThenByDescending(d => d.Id).Take(8)
            .Select(d => new RecentDay(d.Id, d.Date, d.Type, d.Status, d.CitizensReceived)).ToListAsync(ct);
        RecentRequests = await db.CitizenRequests.AsNoTracking().VisibleTo(me, db.Stations).Where(r => r.StationId == id)
            .OrderByDescending(r => r.RegisteredOn).ThenByDescending(r => r.Id).Take(8)
            .Select(r => new RecentRequest(r.Id, r.TrackingNumber, r.RegisteredOn, r.Summary, r.Status)).ToListAsync(ct);
        CanPlan = await db.Stations.ReceptionManageableBy(me).AnyAsync(x => x.Id == id, ct);
        return Page();
    }

    /// <summary>Plans reception days from the station's schedule for the coming months; dates already planned are skipped.</summary>
    public async Task<IActionResult> OnPostGenerateDaysAsync(int id, int months, CancellationToken ct)
    {
        var station = await db.Stations.AsNoTracking().ReceptionManageableBy(me).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (station is null)
        {
            return NotFound();
        }

        var from = ChinaTime.DateOf(clock.GetUtcNow()).AddDays(1);
        var to = from.AddMonths(Math.Clamp(months, 1, ReceptionPlanning.MaxMonthsAhead)).AddDays(-1);
        var taken = (await db.ReceptionDays.AsNoTracking()
            .Where(d => d.StationId == id && d.Date >= from && d.Date <= to && d.Status != ReceptionDayStatus.Cancelled
                && (d.FromSchedule || d.Type == ReceptionDayType.Reception || d.Type == ReceptionDayType.ThemedReception))
            .Select(d => d.Date).ToListAsync(ct)).ToHashSet();
        // A cancelled generated day keeps its date: generating again must not bring it back.
        taken.UnionWith(await db.ReceptionDays.AsNoTracking().Where(d => d.StationId == id && d.FromSchedule && d.Date >= from && d.Date <= to).Select(d => d.Date).ToListAsync(ct));
        try
        {
            if (!station.IsActive)
            {
                throw new DomainRuleException("Schedule.StationClosed");
            }

            var planned = ReceptionPlanning.FromSchedule(id, station.Schedule, from, to, taken, clock.GetUtcNow());
            db.ReceptionDays.AddRange(planned);
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = l["Stations.DaysGenerated", planned.Count, Fmt.Date(from), Fmt.Date(to)].Value;
        }
        catch (DomainRuleException e)
        {
            TempData["Flash"] = l.Rule(e);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Someone generated the same days at the same moment; theirs stand.
            TempData["Flash"] = l["Stations.DaysGenerated", 0, Fmt.Date(from), Fmt.Date(to)].Value;
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostReopenAsync(int id, uint version, CancellationToken ct)
    {
        var station = await db.Stations.ManageableBy(me).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (station is null)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow();
        var outcome = await this.TryEditAsync(db, station, version, () => { station.Reopen(now); return db.SaveChangesAsync(ct); }, l);
        TempData["Flash"] = outcome switch
        {
            Edits.Outcome.Saved => l["Stations.Reopened"].Value,
            Edits.Outcome.Conflict => l["Common.ConflictReload"].Value,
            _ => this.FirstError(),
        };

        return RedirectToPage(new { id });
    }

    public string ScheduleText() => ScheduleDescription.Describe(Station.Schedule, l);
}
