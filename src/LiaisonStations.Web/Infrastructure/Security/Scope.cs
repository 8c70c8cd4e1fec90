using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Domain.Suggestions;

using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Infrastructure.Security;

/// <summary>
/// The one place that says which records a user may see. Pages never query a business table without going
/// through one of these filters, so an id outside the scope is simply not found (404).
/// </summary>
public static class Scope
{
    public static IQueryable<Station> VisibleTo(this IQueryable<Station> stations, CurrentUser user)
    {
        if (user.SeesEverything)
        {
            return stations;
        }

        if (user.IsDistrictStaff)
        {
            var path = user.DistrictPath!;
            var prefix = path + ".";
            return stations.Where(s => s.AreaPath == path || s.AreaPath.StartsWith(prefix));
        }

        if (user.IsClerk || user.IsDeputy)
        {
            var ids = user.StationIds.ToArray();
            return stations.Where(s => ids.Contains(s.Id));
        }

        return stations.Where(_ => false);
    }

    /// <summary>Stations whose record (details, standards, schedule) the user may change.</summary>
    public static IQueryable<Station> ManageableBy(this IQueryable<Station> stations, CurrentUser user) =>
        user.SeesEverything || user.IsDistrictStaff ? stations.VisibleTo(user) : stations.Where(_ => false);

    public static bool CanManageStations(this CurrentUser user) => user.SeesEverything || user.IsDistrictStaff;

    /// <summary>Stations whose reception days the user plans and records: clerks their own, district staff their district, administrators all.</summary>
    public static IQueryable<Station> ReceptionManageableBy(this IQueryable<Station> stations, CurrentUser user) =>
        user.IsAdministrator || user.IsDistrictStaff || user.IsClerk ? stations.VisibleTo(user) : stations.Where(_ => false);

    public static bool CanManageReceptionDays(this CurrentUser user) => user.IsAdministrator || user.IsDistrictStaff || user.IsClerk;

    /// <summary>
    /// Deputies a user may see: city-wide staff all; district staff those stationed in their district or
    /// elected there (so the not-yet-stationed can be assigned); clerks those stationed at their stations;
    /// a deputy themself.
    /// </summary>
    public static IQueryable<Deputy> VisibleTo(this IQueryable<Deputy> deputies, CurrentUser user, IQueryable<Station> allStations, IQueryable<Area> areas)
    {
        if (user.SeesEverything)
        {
            return deputies;
        }

        if (user.IsDeputy)
        {
            var id = user.DeputyId!.Value;
            return deputies.Where(d => d.Id == id);
        }

        if (user.IsDistrictStaff)
        {
            var stationIds = allStations.VisibleTo(user).Select(s => s.Id);
            var path = user.DistrictPath!;
            var prefix = path + ".";
            var areaIds = areas.Where(a => a.Path == path || a.Path.StartsWith(prefix)).Select(a => a.Id);
            return deputies.Where(d => d.Assignments.Any(a => a.To == null && stationIds.Contains(a.StationId))
                || (d.ConstituencyAreaId != null && areaIds.Contains(d.ConstituencyAreaId.Value)));
        }

        if (user.IsClerk)
        {
            var stationIds = allStations.VisibleTo(user).Select(s => s.Id);
            return deputies.Where(d => d.Assignments.Any(a => a.To == null && stationIds.Contains(a.StationId)));
        }

        return deputies.Where(_ => false);
    }

    /// <summary>Who keeps the roster (assignments, star deputies): administrators, city staff, district staff in their district.</summary>
    public static bool CanManageDeputies(this CurrentUser user) => user.SeesEverything || user.IsDistrictStaff;

    public static IQueryable<ReceptionDay> VisibleTo(this IQueryable<ReceptionDay> days, CurrentUser user, IQueryable<Station> allStations)
    {
        if (user.SeesEverything)
        {
            return days;
        }

        if (user.IsDepartmentLiaison)
        {
            return days.Where(_ => false);
        }

        var stationIds = allStations.VisibleTo(user).Select(s => s.Id);
        return days.Where(d => stationIds.Contains(d.StationId));
    }

    public static IQueryable<CitizenRequest> VisibleTo(this IQueryable<CitizenRequest> requests, CurrentUser user, IQueryable<Station> allStations)
    {
        if (user.SeesEverything)
        {
            return requests;
        }

        if (user.IsDistrictStaff || user.IsClerk)
        {
            var stationIds = allStations.VisibleTo(user).Select(s => s.Id);
            return requests.Where(r => stationIds.Contains(r.StationId));
        }

        if (user.IsDeputy)
        {
            var id = user.DeputyId!.Value;
            return requests.Where(r => r.Deputies.Any(d => d.DeputyId == id));
        }

        if (user.IsDepartmentLiaison)
        {
            var id = user.DepartmentId!.Value;
            return requests.Where(r => r.Referrals.Any(f => f.DepartmentId == id));
        }

        return requests.Where(_ => false);
    }

    /// <summary>
    /// Requests in scope for lists over large tables: a district's stations are read first and passed as a
    /// list of ids, so the planner combines the station index with the search indexes instead of looping
    /// over the district's stations one by one.
    /// </summary>
    public static async Task<IQueryable<CitizenRequest>> VisibleRequestsAsync(this Data.AppDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (user.IsDistrictStaff)
        {
            var ids = await db.Stations.VisibleTo(user).Select(s => s.Id).ToArrayAsync(ct);
            return db.CitizenRequests.Where(r => ids.Contains(r.StationId));
        }

        return db.CitizenRequests.VisibleTo(user, db.Stations);
    }

    public static IQueryable<Suggestion> VisibleTo(this IQueryable<Suggestion> suggestions, CurrentUser user)
    {
        if (user.SeesEverything)
        {
            return suggestions;
        }

        if (user.IsDeputy)
        {
            var id = user.DeputyId!.Value;
            return suggestions.Where(s => s.LeadDeputyId == id || s.CoSigners.Any(c => c.DeputyId == id));
        }

        if (user.IsDepartmentLiaison)
        {
            var id = user.DepartmentId!.Value;
            return suggestions.Where(s => s.HandlingUnits.Any(u => u.DepartmentId == id));
        }

        return suggestions.Where(_ => false);
    }
}
