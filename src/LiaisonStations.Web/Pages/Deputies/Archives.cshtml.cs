using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Infrastructure.Security;
using LiaisonStations.Web.Pages.Stations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using LiaisonStations.Web.Infrastructure.Caching;

namespace LiaisonStations.Web.Pages.Deputies;

/// <summary>The performance archives of all deputies in scope for a year, one row each, sortable by every column; XLSX.</summary>
public sealed class ArchivesModel(ReadOnlyDb db, CurrentUser me, StationLookups stationLookups, AuditTrail audit, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 50;

    public static readonly string[] Columns =
    [
        "reception", "citizens", "requests", "resolved", "led", "cosigned", "answered", "aorb", "solved", "duty", "votes",
    ];

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? District { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Desc { get; set; } = true;

    [FromQuery(Name = "page")] // not BindProperty: the route value "page" (the page's path) would win over the query string
    public int? PageNumber { get; set; }

    public IReadOnlyList<ArchiveRow> Rows { get; private set; } = [];

    public PagerModel Pager { get; private set; } = null!;

    public IReadOnlyList<AreaOption> Districts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = await QueryAsync(ct);
        var total = await query.CountAsync(ct);
        var page = PagerModel.PageWithin(PageNumber, total, PageSize);
        Rows = await query.Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Pager = new PagerModel(page, PageSize, total, Request.Path, CurrentQuery());
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await (await QueryAsync(ct)).Take(50_000).ToListAsync(ct);
        string[] headers = [l["Deputy.Code"], l["Deputy.Name"], .. Columns.Select(c => l[$"Archive.Column.{c}"].Value), l["Archive.DutySatisfaction"], l["Archive.StarDeputy"]];
        var data = rows.Select(r => (IReadOnlyList<object?>)
        [
            r.Code, r.Name, r.ReceptionDays, r.CitizensReceived, r.RequestsAssigned, r.RequestsResolved, r.SuggestionsLed, r.SuggestionsCoSigned,
            r.SuggestionsAnswered, r.SuggestionsAorB, r.SuggestionsSolved, r.DutyReports, r.DutyVotes, r.DutySatisfaction, r.StarDeputy,
        ]);
        await audit.WriteAsync("Export.Archives", "Deputy", null, AuditResult.Success, $"{rows.Count} rows; {Request.QueryString}");
        Response.Headers.ContentDisposition = Xlsx.Disposition($"{l["Archive.Short"]}_{Year}.xlsx");
        return File(Xlsx.Write(l["Archive.Short"], l["Archives.Title", Year!.Value], headers, data), Xlsx.ContentType);
    }

    private async Task<IQueryable<ArchiveRow>> QueryAsync(CancellationToken ct)
    {
        Year = Year is >= 2000 and <= 2100 ? Year : ChinaTime.DateOf(clock.GetUtcNow()).Year;
        var deputies = db.Deputies.AsNoTracking().VisibleTo(me, db.Stations, db.Areas).Where(d => d.Status == DeputyStatus.Active);
        if (me.SeesEverything)
        {
            Districts = await stationLookups.DistrictsAsync(ct);
            if (Districts.FirstOrDefault(d => d.Code == District) is { } district)
            {
                var prefix = district.Path + ".";
                var stationIds = db.Stations.Where(s => s.AreaPath.StartsWith(prefix)).Select(s => s.Id);
                deputies = deputies.Where(d => d.Assignments.Any(a => a.To == null && stationIds.Contains(a.StationId)));
            }
        }

        var rows = PerformanceArchive.For(db, deputies, Year.Value);
        return (Sort, Desc) switch
        {
            ("reception", true) => rows.OrderByDescending(r => r.ReceptionDays).ThenBy(r => r.Code),
            ("reception", false) => rows.OrderBy(r => r.ReceptionDays).ThenBy(r => r.Code),
            ("citizens", true) => rows.OrderByDescending(r => r.CitizensReceived).ThenBy(r => r.Code),
            ("citizens", false) => rows.OrderBy(r => r.CitizensReceived).ThenBy(r => r.Code),
            ("requests", true) => rows.OrderByDescending(r => r.RequestsAssigned).ThenBy(r => r.Code),
            ("requests", false) => rows.OrderBy(r => r.RequestsAssigned).ThenBy(r => r.Code),
            ("resolved", true) => rows.OrderByDescending(r => r.RequestsResolved).ThenBy(r => r.Code),
            ("resolved", false) => rows.OrderBy(r => r.RequestsResolved).ThenBy(r => r.Code),
            ("led", true) => rows.OrderByDescending(r => r.SuggestionsLed).ThenBy(r => r.Code),
            ("led", false) => rows.OrderBy(r => r.SuggestionsLed).ThenBy(r => r.Code),
            ("cosigned", true) => rows.OrderByDescending(r => r.SuggestionsCoSigned).ThenBy(r => r.Code),
            ("cosigned", false) => rows.OrderBy(r => r.SuggestionsCoSigned).ThenBy(r => r.Code),
            ("answered", true) => rows.OrderByDescending(r => r.SuggestionsAnswered).ThenBy(r => r.Code),
            ("answered", false) => rows.OrderBy(r => r.SuggestionsAnswered).ThenBy(r => r.Code),
            ("aorb", true) => rows.OrderByDescending(r => r.SuggestionsAorB).ThenBy(r => r.Code),
            ("aorb", false) => rows.OrderBy(r => r.SuggestionsAorB).ThenBy(r => r.Code),
            ("solved", true) => rows.OrderByDescending(r => r.SuggestionsSolved).ThenBy(r => r.Code),
            ("solved", false) => rows.OrderBy(r => r.SuggestionsSolved).ThenBy(r => r.Code),
            ("duty", true) => rows.OrderByDescending(r => r.DutyReports).ThenBy(r => r.Code),
            ("duty", false) => rows.OrderBy(r => r.DutyReports).ThenBy(r => r.Code),
            ("votes", true) => rows.OrderByDescending(r => r.DutyVotes).ThenBy(r => r.Code),
            ("votes", false) => rows.OrderBy(r => r.DutyVotes).ThenBy(r => r.Code),
            ("name", _) => rows.OrderBy(r => r.Name).ThenBy(r => r.Code),
            _ => rows.OrderBy(r => r.Code),
        };
    }

    public IReadOnlyDictionary<string, string?> CurrentQuery() => new Dictionary<string, string?>
    {
        ["year"] = Year?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["district"] = District,
        ["sort"] = Sort,
        ["desc"] = Desc ? "true" : "false",
    };

    public string ExportUrl() => QueryHelpers.AddQueryString(Request.Path, CurrentQuery().Where(kv => !string.IsNullOrEmpty(kv.Value)).Append(new("handler", "Export")));

    public SortHeaderModel Header(string label, string key) => new(label, key, Sort ?? "code", Desc, Request.Path, CurrentQuery());
}
