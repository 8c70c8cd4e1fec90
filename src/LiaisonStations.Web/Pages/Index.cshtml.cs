using LiaisonStations.Web.Infrastructure;
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

/// <summary>
/// Home: the user's part of the network at a glance, counted from the database within their scope. A visitor who is
/// not signed in is a citizen (or staff about to sign in): they get the public home, which links to the sign-in.
/// </summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class IndexModel(ReadOnlyDb db, CurrentUser me, Infrastructure.CalendarProvider calendars, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
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

    /// <summary>Network figures are for staff who look after stations (city, district, clerks), not for deputies and departments.</summary>
    public bool ShowNetwork => me.SeesEverything || me.IsDistrictStaff || me.IsClerk;

    /// <summary>What waits for the user: one queue per kind of work, each with its count and the list behind it.</summary>
    public Workspace? Work { get; private set; }

    public sealed record WorkItem(string Url, string Number, string Summary, string State, DateOnly? DueOn, Domain.Calendar.DueState Due);

    /// <summary>One to-do queue: <see cref="Count"/> is the total of the list at <see cref="Url"/>; the first few items are shown.</summary>
    public sealed record Queue(string Id, string Title, int Count, string Url, IReadOnlyList<WorkItem> Items);

    public sealed record ComingDay(int Id, DateOnly Date, TimeOnly? StartsAt, ReceptionDayType Type, string Station, bool Planned);

    public sealed record Workspace(IReadOnlyList<Queue> Queues, IReadOnlyList<ComingDay> Days, bool ShowDays, IReadOnlyList<Web.Notifications.Notification> Notices);

    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.IsAuthenticated)
        {
            return RedirectToPage("/Public/Index");
        }

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
        Work = await WorkspaceAsync(today, ct);
        return Page();
    }

    private const int ItemsPerQueue = 5;

    private async Task<Workspace> WorkspaceAsync(DateOnly today, CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(ct);
        var queues = new List<Queue>();
        var visibleRequests = (await db.VisibleRequestsAsync(me, ct)).AsNoTracking();
        foreach (var queue in WorkQueues.RequestQueuesOf(me))
        {
            var requests = visibleRequests.In(queue, me, today);
            var count = await requests.CountAsync(ct);
            var rows = count == 0 ? [] : await requests
                .OrderBy(r => r.DueOn == null).ThenBy(r => r.DueOn).ThenBy(r => r.RegisteredOn).ThenBy(r => r.Id)
                .Take(ItemsPerQueue)
                .Select(r => new { r.Id, r.TrackingNumber, r.Summary, r.Status, r.DueOn })
                .ToListAsync(ct);
            queues.Add(new Queue(
                $"requests-{queue}",
                l[$"Work.RequestQueue.{queue}"],
                count,
                $"/Requests?waiting={queue}",
                rows.Select(r => new WorkItem($"/Requests/Details/{r.Id}", r.TrackingNumber, Shorten(r.Summary), l.Enum(r.Status), r.DueOn, calendar.StateOf(r.DueOn, today, true))).ToList()));
        }

        var visibleSuggestions = db.Suggestions.AsNoTracking().VisibleTo(me);
        foreach (var queue in WorkQueues.SuggestionQueuesOf(me))
        {
            var suggestions = visibleSuggestions.In(queue, me);
            var count = await suggestions.CountAsync(ct);
            var rows = count == 0 ? [] : await suggestions
                .OrderBy(x => x.DueOn == null).ThenBy(x => x.DueOn).ThenBy(x => x.Id)
                .Take(ItemsPerQueue)
                .Select(x => new { x.Id, x.Number, x.Title, x.Status, x.DueOn })
                .ToListAsync(ct);
            var dueCounts = queue == SuggestionQueue.ToReply;
            queues.Add(new Queue(
                $"suggestions-{queue}",
                l[$"Work.SuggestionQueue.{queue}"],
                count,
                $"/Suggestions?waiting={queue}",
                rows.Select(x => new WorkItem($"/Suggestions/Details/{x.Id}", x.Number ?? l["Suggestion.NoNumber"], Shorten(x.Title), l.Enum(x.Status), dueCounts ? x.DueOn : null, calendar.StateOf(dueCounts ? x.DueOn : null, today, true))).ToList()));
        }

        IReadOnlyList<ComingDay> days = [];
        var showDays = me.IsClerk || me.IsDeputy;
        if (showDays)
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

        var userId = me.UserId ?? "-";
        var notices = await db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.ReadAt == null)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(5).ToListAsync(ct);
        return new Workspace(queues, days, showDays, notices);
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
