using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages;

/// <summary>Home: the user's part of the network at a glance, counted from the database within their scope.</summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me, Infrastructure.CalendarProvider calendars, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public string Heading { get; private set; } = string.Empty;

    public int Stations { get; private set; }

    public int Points { get; private set; }

    public int Deputies { get; private set; }

    /// <summary>What the deputy count counts: elected in the area (city and district staff) or stationed at the user's stations.</summary>
    public string DeputiesLabel { get; private set; } = string.Empty;

    public int ReceptionDaysThisYear { get; private set; }

    public int OpenRequests { get; private set; }

    public int Year { get; private set; }

    /// <summary>What waits for the user (deputies, department liaisons, clerks): open requests, coming activities, suggestions.</summary>
    public Workspace? Work { get; private set; }

    public sealed record WorkItem(long Id, string Number, string Summary, Domain.Requests.RequestStatus Status, DateOnly? DueOn, Domain.Calendar.DueState Due);

    public sealed record ComingDay(int Id, DateOnly Date, TimeOnly? StartsAt, ReceptionDayType Type, string Station, bool Planned);

    public sealed record Workspace(IReadOnlyList<WorkItem> Requests, int RequestTotal, IReadOnlyList<ComingDay> Days, IReadOnlyList<(Domain.Suggestions.SuggestionStatus Status, int Count)> Suggestions, int SuggestionsWaiting, IReadOnlyList<Web.Notifications.Notification> Notices);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        Year = today.Year;
        var yearStart = new DateOnly(today.Year, 1, 1);
        var yearEnd = new DateOnly(today.Year, 12, 31);
        var open = RequestWorkflow.Open.ToArray();
        var stations = db.Stations.AsNoTracking().VisibleTo(me);

        Heading = me.SeesEverything ? l["Home.Heading"]
            : me.IsDistrictStaff ? l["Home.HeadingDistrict", await db.Areas.Where(a => a.Id == me.DistrictAreaId).Select(a => a.Name).FirstOrDefaultAsync(ct) ?? string.Empty]
            : me.IsDepartmentLiaison ? l["Home.HeadingDepartment"]
            : l["Home.HeadingMine"];
        // Counted as the dashboard counts them today (stations opened and not closed; deputies by the area that elected them).
        stations = stations.Where(s => s.OpenedOn <= today && (s.ClosedOn == null || s.ClosedOn > today));
        Stations = await stations.CountAsync(s => s.Kind == StationKind.Station, ct);
        Points = await stations.CountAsync(s => s.Kind == StationKind.Point, ct);
        var inOffice = db.Deputies.AsNoTracking().Where(d => d.Status == DeputyStatus.Active || d.EndedOn >= today);
        if (me.SeesEverything || me.IsDistrictStaff)
        {
            var root = me.IsDistrictStaff
                ? me.DistrictPath
                : await db.Areas.Where(a => a.Level == Domain.Areas.AreaLevel.City).OrderBy(a => a.Code).Select(a => a.Path).FirstOrDefaultAsync(ct);
            var prefix = root + ".";
            Deputies = root is null ? 0 : await inOffice.CountAsync(d => d.ConstituencyPath == root || d.ConstituencyPath!.StartsWith(prefix), ct);
            DeputiesLabel = l["Home.DeputiesElected"];
        }
        else
        {
            // A station's own deputies: those stationed there today.
            var stationIds = db.Stations.VisibleTo(me).Select(s => s.Id);
            Deputies = await inOffice.CountAsync(d => d.Assignments.Any(a => a.From <= today && (a.To == null || a.To >= today) && stationIds.Contains(a.StationId)), ct);
            DeputiesLabel = l["Home.DeputiesStationed"];
        }

        ReceptionDaysThisYear = await db.ReceptionDays.AsNoTracking().VisibleTo(me, db.Stations).CountAsync(
            r => r.Status == ReceptionDayStatus.Held
                && (r.Type == ReceptionDayType.Reception || r.Type == ReceptionDayType.ThemedReception)
                && r.Date >= yearStart && r.Date <= yearEnd,
            ct);
        OpenRequests = await db.CitizenRequests.AsNoTracking().VisibleTo(me, db.Stations).CountAsync(r => open.Contains(r.Status), ct);
        if (me.IsDeputy || me.IsDepartmentLiaison || me.IsClerk)
        {
            Work = await WorkspaceAsync(today, ct);
        }
    }

    private async Task<Workspace> WorkspaceAsync(DateOnly today, CancellationToken ct)
    {
        var open = RequestWorkflow.Open.ToArray();
        var requests = db.CitizenRequests.AsNoTracking().VisibleTo(me, db.Stations).Where(r => open.Contains(r.Status));
        if (me.IsDepartmentLiaison)
        {
            // Waiting for this department: its current referrals, not old ones handed elsewhere.
            requests = requests.Where(r => r.CurrentDepartmentId == me.DepartmentId && (r.Status == RequestStatus.Referred || r.Status == RequestStatus.Supervising));
        }

        var total = await requests.CountAsync(ct);
        var rows = await requests
            .OrderBy(r => r.DueOn == null).ThenBy(r => r.DueOn).ThenBy(r => r.RegisteredOn)
            .Take(10)
            .Select(r => new { r.Id, r.TrackingNumber, r.Summary, r.Status, r.DueOn })
            .ToListAsync(ct);
        var calendar = await calendars.GetAsync(ct);
        var items = rows.Select(r => new WorkItem(r.Id, r.TrackingNumber, r.Summary.Length > 40 ? r.Summary[..40] + "…" : r.Summary, r.Status, r.DueOn, calendar.StateOf(r.DueOn, today, true))).ToList();

        IReadOnlyList<ComingDay> days = [];
        if (!me.IsDepartmentLiaison)
        {
            var deputyId = me.DeputyId;
            days = await db.ReceptionDays.AsNoTracking().VisibleTo(me, db.Stations)
                .Where(d => d.Date >= today && d.Status == ReceptionDayStatus.Planned)
                .OrderBy(d => d.Date).ThenBy(d => d.StartsAt)
                .Take(5)
                .Select(d => new ComingDay(d.Id, d.Date, d.StartsAt, d.Type, db.Stations.Where(s => s.Id == d.StationId).Select(s => s.Name).First(),
                    deputyId != null && d.Deputies.Any(x => x.DeputyId == deputyId && x.Planned)))
                .ToListAsync(ct);
        }

        IReadOnlyList<(Domain.Suggestions.SuggestionStatus, int)> suggestions = [];
        var waiting = 0;
        if (me.IsDeputy || me.IsDepartmentLiaison)
        {
            var visible = db.Suggestions.AsNoTracking().VisibleTo(me);
            suggestions = (await visible.GroupBy(x => x.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .OrderBy(x => x.Key).Select(x => (x.Key, x.Count)).ToList();
            var deputyId = me.DeputyId ?? 0;
            waiting = me.IsDeputy
                ? await visible.CountAsync(x => (x.Status == Domain.Suggestions.SuggestionStatus.Replied && x.LeadDeputyId == deputyId)
                    || (x.Status == Domain.Suggestions.SuggestionStatus.Draft && x.CoSigners.Any(c => c.DeputyId == deputyId && c.ConfirmedAt == null)), ct)
                : await visible.CountAsync(x => x.Status == Domain.Suggestions.SuggestionStatus.Assigned || x.Status == Domain.Suggestions.SuggestionStatus.Rehandling, ct);
        }

        var userId = me.UserId ?? "-";
        var notices = await db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.ReadAt == null)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(5).ToListAsync(ct);
        return new Workspace(items, total, days, suggestions, waiting, notices);
    }
}
