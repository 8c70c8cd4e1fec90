using System.Globalization;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Security;
using LiaisonStations.Web.Pages.Stations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using LiaisonStations.Web.Infrastructure.Caching;

namespace LiaisonStations.Web.Pages.ReceptionDays;

/// <summary>
/// The month calendar of reception days and other activities, for one station or a whole district (or,
/// for city staff, the city), with the month's list below it for reading, printing and keyboard use.
/// </summary>
public sealed class IndexModel(ReadOnlyDb db, CurrentUser me, StationLookups stationLookups, TimeProvider clock) : PageModel
{
    /// <summary>More than this in a month is shown as a count per day rather than one line per activity.</summary>
    public const int MaxListed = 400;

    [BindProperty(SupportsGet = true)]
    public int? Station { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? District { get; set; }

    /// <summary>yyyy-MM; this month when absent or malformed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    public DateOnly FirstOfMonth { get; private set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<(int Id, string Name)> Stations { get; private set; } = [];

    public IReadOnlyList<AreaOption> Districts { get; private set; } = [];

    public IReadOnlyList<Entry> Entries { get; private set; } = [];

    public int Total { get; private set; }

    public bool CanPlan => me.CanManageReceptionDays();

    public sealed record Entry(int Id, DateOnly Date, TimeOnly? StartsAt, ReceptionDayType Type, string? Theme, ReceptionDayStatus Status, string Station, int DeputiesAttended, int CitizensReceived);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = ChinaTime.DateOf(clock.GetUtcNow());
        FirstOfMonth = DateOnly.TryParseExact(Month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) && m.Year is >= 2000 and <= 2100
            ? m
            : new DateOnly(Today.Year, Today.Month, 1);
        var stations = db.Stations.AsNoTracking().VisibleTo(me);
        if (me.SeesEverything)
        {
            Districts = await stationLookups.DistrictsAsync(ct);
            if (District is { Length: > 0 } code && Districts.Any(d => d.Code == code))
            {
                var path = Districts.First(d => d.Code == code).Path;
                stations = stations.Where(s => s.AreaPath.StartsWith(path + "."));
            }
            else
            {
                District = null;
            }
        }

        Stations = (await stations.OrderBy(s => s.AreaPath).ThenBy(s => s.Name).Select(s => new { s.Id, s.Name }).Take(2000).ToListAsync(ct))
            .Select(s => (s.Id, s.Name)).ToList();
        if (Station is null && Stations.Count == 1)
        {
            Station = Stations[0].Id;
        }

        var from = FirstOfMonth;
        var to = FirstOfMonth.AddMonths(1).AddDays(-1);
        var days = db.ReceptionDays.AsNoTracking().Where(d => d.Date >= from && d.Date <= to);
        if (Station is { } stationId)
        {
            days = days.Where(d => d.StationId == stationId);
        }

        var stationIds = stations.Select(s => s.Id);
        days = days.Where(d => stationIds.Contains(d.StationId));
        Total = await days.CountAsync(ct);
        Entries = await days
            .OrderBy(d => d.Date).ThenBy(d => d.StartsAt).ThenBy(d => d.Id)
            .Take(MaxListed)
            .Select(d => new Entry(d.Id, d.Date, d.StartsAt, d.Type, d.Theme, d.Status,
                db.Stations.Where(s => s.Id == d.StationId).Select(s => s.Name).First(), d.DeputiesAttended, d.CitizensReceived))
            .ToListAsync(ct);
    }

    /// <summary>Monday-first weeks covering the month.</summary>
    public IEnumerable<DateOnly[]> Weeks()
    {
        var start = FirstOfMonth.AddDays(-(((int)FirstOfMonth.DayOfWeek + 6) % 7));
        var end = FirstOfMonth.AddMonths(1);
        for (var week = start; week < end; week = week.AddDays(7))
        {
            yield return Enumerable.Range(0, 7).Select(week.AddDays).ToArray();
        }
    }

    public string MonthUrl(int offset) => QueryHelpers.AddQueryString(Request.Path, new Dictionary<string, string?>
    {
        ["station"] = Station?.ToString(CultureInfo.InvariantCulture),
        ["district"] = District,
        ["month"] = FirstOfMonth.AddMonths(offset).ToString("yyyy-MM", CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value)));
}
