using LiaisonStations.Domain.Calendar;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Suggestions;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Suggestions;

/// <summary>One suggestion: content, signers, handling departments, replies and evaluations, the requests it cites, and its timeline.</summary>
public sealed class DetailsModel(AppDbContext db, CurrentUser me, CalendarProvider calendars, TimeProvider clock) : PageModel
{
    public Suggestion Item { get; private set; } = null!;

    public IReadOnlyDictionary<int, string> DeputyNames { get; private set; } = new Dictionary<int, string>();

    public IReadOnlyDictionary<int, string> DepartmentNames { get; private set; } = new Dictionary<int, string>();

    public IReadOnlyList<(long Id, string Number)> LinkedRequests { get; private set; } = [];

    /// <summary>Cited requests outside the user's scope (a department sees only those referred to it).</summary>
    public int HiddenLinkedRequests { get; private set; }

    public IReadOnlyList<SuggestionStep> Steps { get; private set; } = [];

    public DueState Due { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var s = await db.Suggestions.AsNoTracking().VisibleTo(me).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null)
        {
            return NotFound();
        }

        Item = s;
        var deputyIds = s.CoSigners.Select(c => c.DeputyId).Append(s.LeadDeputyId).ToList();
        DeputyNames = await db.Deputies.AsNoTracking().Where(d => deputyIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var departmentIds = s.HandlingUnits.Select(u => u.DepartmentId).Concat(s.Replies.Select(r => r.DepartmentId)).Distinct().ToList();
        DepartmentNames = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var requestIds = s.LinkedRequests.Select(r => r.CitizenRequestId).ToList();
        // Only the cited requests this user may open themselves; the others are counted, not named.
        LinkedRequests = (await db.CitizenRequests.AsNoTracking().VisibleTo(me, db.Stations).Where(r => requestIds.Contains(r.Id)).Select(r => new { r.Id, r.TrackingNumber }).ToListAsync(ct))
            .Select(r => (r.Id, r.TrackingNumber)).ToList();
        HiddenLinkedRequests = requestIds.Count - LinkedRequests.Count;
        Steps = me.StepsFor(s);
        var open = s.Status is SuggestionStatus.Assigned or SuggestionStatus.Rehandling;
        Due = (await calendars.GetAsync(ct)).StateOf(s.DueOn, ChinaTime.DateOf(clock.GetUtcNow()), open);
        return Page();
    }
}
