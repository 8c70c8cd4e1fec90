using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages;

/// <summary>Home: the network at a glance, counted from the database.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
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

        Stations = await db.Stations.CountAsync(s => s.Kind == StationKind.Station && s.Status == StationStatus.Active, ct);
        Points = await db.Stations.CountAsync(s => s.Kind == StationKind.Point && s.Status == StationStatus.Active, ct);
        Deputies = await db.Deputies.CountAsync(d => d.Status == DeputyStatus.Active, ct);
        ReceptionDaysThisYear = await db.ReceptionDays.CountAsync(
            r => r.Status == ReceptionDayStatus.Held
                && (r.Type == ReceptionDayType.Reception || r.Type == ReceptionDayType.ThemedReception)
                && r.Date >= yearStart && r.Date <= yearEnd,
            ct);
        OpenRequests = await db.CitizenRequests.CountAsync(r => open.Contains(r.Status), ct);
    }
}
