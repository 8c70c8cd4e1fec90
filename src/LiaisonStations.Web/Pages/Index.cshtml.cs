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
public sealed class IndexModel(AppDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public string Heading { get; private set; } = string.Empty;

    public int Stations { get; private set; }

    public int Points { get; private set; }

    public int Deputies { get; private set; }

    public int ReceptionDaysThisYear { get; private set; }

    public int OpenRequests { get; private set; }

    public int Year { get; private set; }

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
        Stations = await stations.CountAsync(s => s.Kind == StationKind.Station && s.Status == StationStatus.Active, ct);
        Points = await stations.CountAsync(s => s.Kind == StationKind.Point && s.Status == StationStatus.Active, ct);
        Deputies = await db.Deputies.AsNoTracking().VisibleTo(me, db.Stations, db.Areas).CountAsync(d => d.Status == DeputyStatus.Active, ct);
        ReceptionDaysThisYear = await db.ReceptionDays.AsNoTracking().VisibleTo(me, db.Stations).CountAsync(
            r => r.Status == ReceptionDayStatus.Held
                && (r.Type == ReceptionDayType.Reception || r.Type == ReceptionDayType.ThemedReception)
                && r.Date >= yearStart && r.Date <= yearEnd,
            ct);
        OpenRequests = await db.CitizenRequests.AsNoTracking().VisibleTo(me, db.Stations).CountAsync(r => open.Contains(r.Status), ct);
    }
}
