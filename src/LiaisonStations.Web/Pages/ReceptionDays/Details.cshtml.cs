using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.ReceptionDays;

/// <summary>One reception day: what was planned, who came, the minutes, and the requests registered during it.</summary>
public sealed class DetailsModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    public ReceptionDay Day { get; private set; } = null!;

    public string StationName { get; private set; } = string.Empty;

    public IReadOnlyDictionary<int, string> DeputyNames { get; private set; } = new Dictionary<int, string>();

    public IReadOnlyDictionary<int, string> DepartmentNames { get; private set; } = new Dictionary<int, string>();

    public IReadOnlyList<LinkedRequest> Requests { get; private set; } = [];

    public bool CanManage { get; private set; }

    /// <summary>Bookings are seen in clear by the station's clerks (who call the citizens), masked by everyone else.</summary>
    public bool BookingsInClear => me.IsClerk && me.StationIds.Contains(Day.StationId);

    /// <summary>A day that has not come yet cannot be recorded as held.</summary>
    public bool HasCome => Day.Date <= Domain.Common.ChinaTime.DateOf(clock.GetUtcNow());

    public bool CanRegister => me.CanRegisterRequests() && Day.Status != ReceptionDayStatus.Cancelled;

    public sealed record LinkedRequest(long Id, string Number, string Summary, RequestStatus Status, string Category);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var day = await db.ReceptionDays.AsNoTracking().VisibleTo(me, db.Stations).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (day is null)
        {
            return NotFound();
        }

        Day = day;
        StationName = await db.Stations.Where(s => s.Id == day.StationId).Select(s => s.Name).FirstAsync(ct);
        var deputyIds = day.Deputies.Select(d => d.DeputyId).ToList();
        DeputyNames = await db.Deputies.AsNoTracking().Where(d => deputyIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var departmentIds = day.Officials.Where(o => o.DepartmentId != null).Select(o => o.DepartmentId!.Value).Distinct().ToList();
        DepartmentNames = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        Requests = await db.CitizenRequests.AsNoTracking().VisibleTo(me, db.Stations)
            .Where(r => r.ReceptionDayId == id)
            .OrderBy(r => r.Id)
            .Take(500)
            .Select(r => new LinkedRequest(r.Id, r.TrackingNumber, r.Summary, r.Status, db.RequestCategories.Where(c => c.Id == r.CategoryId).Select(c => Fmt.English && c.EnglishName != null ? c.EnglishName : c.Name).First()))
            .ToListAsync(ct);
        CanManage = await db.ManageableAsync(me, id, tracked: false, ct) is not null;
        return Page();
    }
}
