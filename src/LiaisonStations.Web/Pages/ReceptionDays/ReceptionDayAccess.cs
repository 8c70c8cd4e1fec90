using LiaisonStations.Domain.Receptions;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.ReceptionDays;

/// <summary>Loads a reception day the user may change (planning, recording, cancelling): null when outside their scope.</summary>
public static class ReceptionDayAccess
{
    public static Task<ReceptionDay?> ManageableAsync(this AppDbContext db, CurrentUser me, int id, bool tracked, CancellationToken ct)
    {
        var stationIds = db.Stations.ReceptionManageableBy(me).Select(s => s.Id);
        var days = tracked ? db.ReceptionDays : db.ReceptionDays.AsNoTracking();
        return days.Where(d => stationIds.Contains(d.StationId)).FirstOrDefaultAsync(d => d.Id == id, ct);
    }
}
