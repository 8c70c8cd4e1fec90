using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Registers;

/// <summary>
/// A station's two paper books for a period, generated from the records: the reception register
/// (接待人民群众登记簿, one line per citizen's request) and the activity record book (活动记录簿, one line
/// per activity). Printable on A4 and exported as XLSX; personal data masked by the same policy as on screen.
/// </summary>
public sealed class IndexModel(ReadOnlyDb db, CurrentUser me, AuditTrail audit, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxLines = 5000;

    [BindProperty(SupportsGet = true)]
    public int? Station { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>"reception" (接待登记簿) or "activity" (活动记录簿).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Book { get; set; }

    public bool IsActivityBook => string.Equals(Book, "activity", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<(int Id, string Name)> Stations { get; private set; } = [];

    public string? StationName { get; private set; }

    public IReadOnlyList<ReceptionLine> ReceptionLines { get; private set; } = [];

    public IReadOnlyList<ActivityLine> ActivityLines { get; private set; } = [];

    /// <summary><paramref name="ReceivingDeputies"/>: 接待代表, those at the reception day the request came in at, else the deputies it was given to.</summary>
    public sealed record ReceptionLine(int No, long Id, string Number, DateOnly RegisteredOn, string Channel, string? Citizen, string? Phone, string? Address, string Category, string Summary, string ReceivingDeputies, string Status, string? Department, string? Result, string? Evaluation);

    public sealed record ActivityLine(int No, int Id, DateOnly Date, string? Time, string Type, string? Theme, string Status, string Deputies, string Officials, int? CitizensReceived, int Requests, string? Minutes, int Booked = 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await PrepareAsync(ct))
        {
            // A station id outside the user's scope is not found, like every other id typed into a URL.
            return Station is null ? Page() : NotFound();
        }

        await LoadLinesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!await PrepareAsync(ct))
        {
            return NotFound();
        }

        await LoadLinesAsync(ct);
        var title = Title();
        byte[] bytes;
        if (IsActivityBook)
        {
            string[] headers = [l["Registers.No"], l["ReceptionDay.Date"], l["Registers.Time"], l["ReceptionDay.Type"], l["ReceptionDay.Theme"], l["ReceptionDay.Status"], l["ReceptionDay.AttendingDeputies"], l["ReceptionDay.Officials"], l["ReceptionDay.CitizensReceived"], l["Registers.Booked"], l["Registers.RequestsCollected"], l["ReceptionDay.Minutes"]];
            bytes = Xlsx.Write(l["Registers.ActivityBook"], title, headers, ActivityLines.Select(a => (IReadOnlyList<object?>)[a.No, a.Date, a.Time, a.Type, a.Theme, a.Status, a.Deputies, a.Officials, a.CitizensReceived, a.Booked, a.Requests, a.Minutes]));
        }
        else
        {
            string[] headers = [l["Registers.No"], l["Request.Number"], l["Request.RegisteredOn"], l["Request.Channel"], l["Request.CitizenName"], l["Request.CitizenPhone"], l["Request.CitizenAddress"], l["Request.Category"], l["Request.Summary"], l["Registers.ReceivingDeputies"], l["Request.Status"], l["Referral.Department"], l["Registers.Result"], l["Step.Evaluation"]];
            bytes = Xlsx.Write(l["Registers.ReceptionBook"], title, headers, ReceptionLines.Select(r => (IReadOnlyList<object?>)[r.No, r.Number, r.RegisteredOn, r.Channel, r.Citizen, r.Phone, r.Address, r.Category, r.Summary, r.ReceivingDeputies, r.Status, r.Department, r.Result, r.Evaluation]));
        }

        await audit.WriteAsync(IsActivityBook ? "Export.ActivityBook" : "Export.ReceptionRegister", "Station", Station?.ToString(System.Globalization.CultureInfo.InvariantCulture), AuditResult.Success, $"{Fmt.Date(From)}..{Fmt.Date(To)}");
        Response.Headers.ContentDisposition = Xlsx.Disposition($"{StationName}_{(IsActivityBook ? l["Registers.ActivityBook"] : l["Registers.ReceptionBook"])}_{Fmt.Date(From)}_{Fmt.Date(To)}.xlsx");
        return File(bytes, Xlsx.ContentType);
    }

    public string Title() => l["Registers.BookTitle", StationName ?? string.Empty, IsActivityBook ? l["Registers.ActivityBook"] : l["Registers.ReceptionBook"], Fmt.Date(From), Fmt.Date(To)];

    public string ExportUrl() => QueryHelpers.AddQueryString(Request.Path, new Dictionary<string, string?>
    {
        ["station"] = Station?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["from"] = Fmt.Date(From),
        ["to"] = Fmt.Date(To),
        ["book"] = IsActivityBook ? "activity" : "reception",
        ["handler"] = "Export",
    });

    /// <summary>Stations to choose from, the period (this year so far by default) and whether the chosen station is in scope.</summary>
    private async Task<bool> PrepareAsync(CancellationToken ct)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        From ??= new DateOnly(today.Year, 1, 1);
        To ??= today;
        if (To < From)
        {
            (From, To) = (To, From);
        }

        if (To.Value.DayNumber - From.Value.DayNumber > 3660)
        {
            From = To.Value.AddYears(-10);
        }

        var stations = db.Stations.AsNoTracking().VisibleTo(me);
        Stations = (await stations.OrderBy(s => s.AreaPath).ThenBy(s => s.Name).Select(s => new { s.Id, s.Name }).Take(2000).ToListAsync(ct)).Select(s => (s.Id, s.Name)).ToList();
        if (Station is null && Stations.Count == 1)
        {
            Station = Stations[0].Id;
        }

        if (Station is not { } id)
        {
            return false;
        }

        StationName = await stations.Where(s => s.Id == id).Select(s => s.Name).FirstOrDefaultAsync(ct);
        return StationName is not null;
    }

    private async Task LoadLinesAsync(CancellationToken ct)
    {
        var stationId = Station!.Value;
        var (from, to) = (From!.Value, To!.Value);
        if (IsActivityBook)
        {
            var days = await db.ReceptionDays.AsNoTracking()
                .Where(d => d.StationId == stationId && d.Date >= from && d.Date <= to)
                .OrderBy(d => d.Date).ThenBy(d => d.StartsAt).ThenBy(d => d.Id)
                .Take(MaxLines)
                .Select(d => new
                {
                    d.Id, d.Date, d.StartsAt, d.EndsAt, d.Type, d.Theme, d.Status, d.CitizensReceived, d.Minutes,
                    Deputies = d.Deputies.Where(x => x.Attended || d.Status != ReceptionDayStatus.Held).Select(x => x.DeputyId).ToList(),
                    Officials = d.Officials.Select(o => new { o.Name, o.Title, o.DepartmentId }).ToList(),
                    Requests = db.CitizenRequests.Count(r => r.ReceptionDayId == d.Id),
                    Booked = d.Appointments.Count(a => a.CancelledAt == null),
                })
                .ToListAsync(ct);
            var deputyIds = days.SelectMany(d => d.Deputies).Distinct().ToList();
            var names = await db.Deputies.AsNoTracking().Where(d => deputyIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
            var departmentIds = days.SelectMany(d => d.Officials).Where(o => o.DepartmentId != null).Select(o => o.DepartmentId!.Value).Distinct().ToList();
            var departments = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
            ActivityLines = days.Select((d, i) => new ActivityLine(
                i + 1, d.Id, d.Date,
                d.StartsAt is { } s ? s.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) + (d.EndsAt is { } e ? "–" + e.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : string.Empty) : null,
                l.Enum(d.Type), d.Theme, l.Enum(d.Status),
                string.Join("、", d.Deputies.Select(x => names.GetValueOrDefault(x) ?? "?")),
                string.Join("；", d.Officials.Select(o => string.Join(" ", new[] { o.DepartmentId is { } dep ? departments.GetValueOrDefault(dep) : null, o.Title, o.Name }.Where(x => !string.IsNullOrEmpty(x))))),
                d.Status == ReceptionDayStatus.Held ? d.CitizensReceived : null,
                d.Requests,
                d.Status == ReceptionDayStatus.Cancelled ? d.Minutes ?? string.Empty : d.Minutes,
                d.Booked)).ToList();
            return;
        }

        // The station being in scope is not enough: a deputy stationed there sees only the requests assigned to them.
        var requests = await db.CitizenRequests.AsNoTracking().VisibleTo(me, db.Stations)
            .Where(r => r.StationId == stationId && r.RegisteredOn >= from && r.RegisteredOn <= to)
            .OrderBy(r => r.RegisteredOn).ThenBy(r => r.Id)
            .Take(MaxLines)
            .Select(r => new
            {
                r.Id, r.TrackingNumber, r.RegisteredOn, r.Channel, r.CitizenName, r.CitizenPhone, r.CitizenAddress, r.Summary, r.Status, r.LatestEvaluation,
                Category = db.RequestCategories.Where(c => c.Id == r.CategoryId).Select(c => Fmt.English && c.EnglishName != null ? c.EnglishName : c.Name).First(),
                Department = db.Departments.Where(d => d.Id == r.CurrentDepartmentId).Select(d => d.Name).FirstOrDefault(),
                Result = r.Events.Where(e => e.Action == RequestAction.AnsweredOnSite || e.Action == RequestAction.Replied || e.Action == RequestAction.Resolved || e.Action == RequestAction.Explained)
                    .OrderByDescending(e => e.At).Select(e => e.Note).FirstOrDefault(),
                Deputies = r.Deputies.Select(d => d.DeputyId).ToList(),
                AtReception = db.ReceptionDays.Where(d => d.Id == r.ReceptionDayId).SelectMany(d => d.Deputies.Where(x => x.Attended).Select(x => x.DeputyId)).ToList(),
            })
            .ToListAsync(ct);
        var receivingIds = requests.SelectMany(r => r.AtReception.Count > 0 ? r.AtReception : r.Deputies).Distinct().ToList();
        var receivingNames = await db.Deputies.AsNoTracking().Where(d => receivingIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        ReceptionLines = requests.Select((r, i) =>
        {
            var clear = PersonalDataPolicy.ViewFor(me, stationId, r.Deputies, disclosedToUsersDepartment: false) == PersonalDataView.Clear;
            return new ReceptionLine(
                i + 1, r.Id, r.TrackingNumber, r.RegisteredOn, l.Enum(r.Channel),
                PersonalDataPolicy.Name(r.CitizenName, clear), PersonalDataPolicy.Phone(r.CitizenPhone, clear), PersonalDataPolicy.Address(r.CitizenAddress, clear),
                r.Category, r.Summary, string.Join("、", (r.AtReception.Count > 0 ? r.AtReception : r.Deputies).Select(id => receivingNames.GetValueOrDefault(id) ?? "?")),
                l.Enum(r.Status), r.Department, r.Result, r.LatestEvaluation is { } e ? l.Enum(e) : null);
        }).ToList();
    }
}
