using LiaisonStations.Domain.Calendar;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Suggestions;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Notifications;

/// <summary>
/// Raises notices in users' inboxes. Every insert is "INSERT … SELECT … ON CONFLICT DO NOTHING" on the
/// per-user dedupe key, so raising the same notice twice — from a retried request, a restarted reminder
/// job or two instances at once — leaves exactly one.
/// </summary>
public sealed class Notifier(AppDbContext db, CalendarProvider calendars, TimeProvider clock)
{
    /// <summary>The accounts of these deputies.</summary>
    public Task ToDeputiesAsync(IReadOnlyCollection<int> deputyIds, NotificationKind kind, string subjectType, long subjectId, string label, string key, CancellationToken ct)
    {
        var ids = deputyIds.Distinct().ToArray();
        var now = clock.GetUtcNow();
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO notifications (user_id, kind, subject_type, subject_id, subject_label, dedupe_key, created_at)
            SELECT u.id, {(int)kind}, {subjectType}, {subjectId}, {label}, {key}, {now}
              FROM users u WHERE u.deputy_id = ANY({ids}) AND NOT u.is_disabled
            ON CONFLICT (user_id, dedupe_key) DO NOTHING
            """, ct);
    }

    /// <summary>The liaison accounts of a department.</summary>
    public Task ToDepartmentsAsync(IReadOnlyCollection<int> departmentIds, NotificationKind kind, string subjectType, long subjectId, string label, string key, CancellationToken ct)
    {
        var ids = departmentIds.Distinct().ToArray();
        var now = clock.GetUtcNow();
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO notifications (user_id, kind, subject_type, subject_id, subject_label, dedupe_key, created_at)
            SELECT u.id, {(int)kind}, {subjectType}, {subjectId}, {label}, {key}, {now}
              FROM users u WHERE u.department_id = ANY({ids}) AND NOT u.is_disabled
            ON CONFLICT (user_id, dedupe_key) DO NOTHING
            """, ct);
    }

    /// <summary>The clerks of a station.</summary>
    public Task ToStationClerksAsync(int stationId, NotificationKind kind, string subjectType, long subjectId, string label, string key, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO notifications (user_id, kind, subject_type, subject_id, subject_label, dedupe_key, created_at)
            SELECT u.id, {(int)kind}, {subjectType}, {subjectId}, {label}, {key}, {now}
              FROM users u
              JOIN user_stations us ON us.user_id = u.id AND us.station_id = {stationId}
              JOIN user_roles ur ON ur.user_id = u.id AND ur.role_id = {AppRoles.StationClerk}
             WHERE NOT u.is_disabled
            ON CONFLICT (user_id, dedupe_key) DO NOTHING
            """, ct);
    }

    /// <summary>Open requests with a department that are past their due date (the metric liaison.referrals.overdue).</summary>
    public async Task<int> CountOverdueReferralsAsync(CancellationToken ct)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var open = RequestWorkflow.Open.ToArray();
        return await db.CitizenRequests.AsNoTracking().CountAsync(r => open.Contains(r.Status) && r.CurrentDepartmentId != null && r.DueOn < today, ct);
    }

    /// <summary>
    /// 到期提醒: for every open request and suggestion in handling whose due date is within two working days
    /// (due soon) or has passed (overdue), one notice per person concerned — assigned deputies, the current
    /// department, the station's clerks; for suggestions the handling departments and the lead deputy. The
    /// dedupe key holds the due date, so a new deadline brings a new notice and the same one never comes twice.
    /// Returns how many notices were created.
    /// </summary>
    public async Task<int> RaiseDeadlineNoticesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var soon = (await calendars.GetAsync(ct)).AddWorkingDays(today, WorkingCalendar.DueSoonWorkingDays);
        var open = RequestWorkflow.Open.Select(s => (int)s).ToArray();
        int[] handling = [(int)SuggestionStatus.Assigned, (int)SuggestionStatus.Rehandling];
        var created = 0;
        foreach (var (overdue, requestKind, suggestionKind, prefix) in new[]
        {
            (true, NotificationKind.RequestOverdue, NotificationKind.SuggestionOverdue, "overdue"),
            (false, NotificationKind.RequestDueSoon, NotificationKind.SuggestionDueSoon, "soon"),
        })
        {
            var from = overdue ? DateOnly.MinValue : today;
            var to = overdue ? today.AddDays(-1) : soon;
            created += await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO notifications (user_id, kind, subject_type, subject_id, subject_label, dedupe_key, created_at)
                SELECT x.user_id, {(int)requestKind}, 'request', x.id, x.label, x.key, {now}
                  FROM (
                    SELECT u.id AS user_id, r.id, r.tracking_number AS label, {prefix} || ':request:' || r.id || ':' || r.due_on AS key
                      FROM citizen_requests r
                      JOIN request_deputies rd ON rd.citizen_request_id = r.id
                      JOIN users u ON u.deputy_id = rd.deputy_id AND NOT u.is_disabled
                     WHERE r.status = ANY({open}) AND r.due_on BETWEEN {from} AND {to}
                    UNION
                    SELECT u.id, r.id, r.tracking_number, {prefix} || ':request:' || r.id || ':' || r.due_on
                      FROM citizen_requests r
                      JOIN users u ON u.department_id = r.current_department_id AND NOT u.is_disabled
                     WHERE r.status = ANY({open}) AND r.due_on BETWEEN {from} AND {to}
                    UNION
                    SELECT u.id, r.id, r.tracking_number, {prefix} || ':request:' || r.id || ':' || r.due_on
                      FROM citizen_requests r
                      JOIN user_stations us ON us.station_id = r.station_id
                      JOIN users u ON u.id = us.user_id AND NOT u.is_disabled
                      JOIN user_roles ur ON ur.user_id = u.id AND ur.role_id = {AppRoles.StationClerk}
                     WHERE r.status = ANY({open}) AND r.due_on BETWEEN {from} AND {to}
                  ) x
                ON CONFLICT (user_id, dedupe_key) DO NOTHING
                """, ct);
            created += await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO notifications (user_id, kind, subject_type, subject_id, subject_label, dedupe_key, created_at)
                SELECT x.user_id, {(int)suggestionKind}, 'suggestion', x.id, x.label, x.key, {now}
                  FROM (
                    SELECT u.id AS user_id, s.id, coalesce(s.number, s.title) AS label, {prefix} || ':suggestion:' || s.id || ':' || s.due_on AS key
                      FROM suggestions s
                      JOIN suggestion_handling_units h ON h.suggestion_id = s.id
                      JOIN users u ON u.department_id = h.department_id AND NOT u.is_disabled
                     WHERE s.status = ANY({handling}) AND s.due_on BETWEEN {from} AND {to}
                    UNION
                    SELECT u.id, s.id, coalesce(s.number, s.title), {prefix} || ':suggestion:' || s.id || ':' || s.due_on
                      FROM suggestions s
                      JOIN users u ON u.deputy_id = s.lead_deputy_id AND NOT u.is_disabled
                     WHERE s.status = ANY({handling}) AND s.due_on BETWEEN {from} AND {to}
                  ) x
                ON CONFLICT (user_id, dedupe_key) DO NOTHING
                """, ct);
        }

        return created;
    }
}
