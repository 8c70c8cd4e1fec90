using System.Globalization;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Dashboard;

/// <summary>
/// 统计看板: DESIGN §4 for an area or station and a period, one sortable row per child (district, street or
/// station) to drill into, entry rate against its targets, charts with their data tables, XLSX export.
/// </summary>
public sealed class IndexModel(DashboardBuilder builder, AuditTrail audit, IStringLocalizer<SharedResource> l) : DashboardPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Desc { get; set; }

    public DashboardView View { get; private set; } = null!;

    public IReadOnlyList<MetricsRow> Rows { get; private set; } = [];

    /// <summary>Sortable columns of the breakdown: key → value of a row.</summary>
    public static readonly IReadOnlyDictionary<string, Func<MetricsRow, decimal?>> Columns = new Dictionary<string, Func<MetricsRow, decimal?>>(StringComparer.OrdinalIgnoreCase)
    {
        ["stations"] = r => r.Metrics.Stations,
        ["points"] = r => r.Metrics.Points,
        ["coverage"] = r => r.Metrics.Coverage,
        ["entry"] = r => DashboardFigures.OverallEntryRate(r.Counts),
        ["days"] = r => r.Metrics.ReceptionDays,
        ["participations"] = r => r.Metrics.DeputyParticipations,
        ["citizens"] = r => r.Metrics.CitizensReceived,
        ["collected"] = r => r.Metrics.RequestsCollected,
        ["resolved"] = r => r.Metrics.Resolved,
        ["resolution"] = r => r.Metrics.ResolutionRate,
        ["daystoclose"] = r => r.Metrics.AverageDaysToClose,
        ["overdue"] = r => r.Metrics.Overdue,
        ["satisfaction"] = r => r.Metrics.Satisfaction,
        ["duty"] = r => r.Metrics.DutyReports,
        ["implementation"] = r => r.Metrics.SuggestionImplementationRate,
        ["standards"] = r => r.Metrics.EightStandardsCompliance,
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(withCharts: true, ct))
        {
            return NotFound();
        }

        return Page();
    }

    /// <summary>Every table of the dashboard as one workbook, a sheet each, the area and period in every title.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!await LoadAsync(withCharts: true, ct))
        {
            return NotFound();
        }

        var sheets = new DashboardWorkbook(View, l).Sheets(Rows);
        await audit.WriteAsync("Export.Dashboard", "Statistics", View.Area?.Code ?? View.Station?.Code, AuditResult.Success, Request.QueryString.ToString());
        Response.Headers.ContentDisposition = Xlsx.Disposition($"{l["Dashboard.Title"]}_{View.Name}_{ReportPeriod.Iso(View.Period.From)}_{ReportPeriod.Iso(View.Period.To)}.xlsx");
        return File(Xlsx.Write(sheets), Xlsx.ContentType);
    }

    private async Task<bool> LoadAsync(bool withCharts, CancellationToken ct)
    {
        var view = await builder.BuildAsync(Query, withCharts, ct);
        if (view is null)
        {
            return false;
        }

        View = view;
        Rows = SortRows(view.Report.Rows);
        return true;
    }

    private IReadOnlyList<MetricsRow> SortRows(IReadOnlyList<MetricsRow> rows)
    {
        if (Sort is null || !Columns.TryGetValue(Sort, out var value))
        {
            return rows;
        }

        // Rows without a figure (nothing to divide by) go last either way.
        var known = rows.Where(r => value(r) is not null);
        var ordered = Desc ? known.OrderByDescending(value) : known.OrderBy(value);
        return ordered.ThenBy(r => r.AreaCode ?? r.Name, StringComparer.Ordinal).Concat(rows.Where(r => value(r) is null)).ToList();
    }

    public IReadOnlyDictionary<string, string?> CurrentQuery() =>
        new Dictionary<string, string?>(View.Period.Query())
        {
            ["area"] = View.Area?.Code,
            ["station"] = View.Station?.Id.ToString(CultureInfo.InvariantCulture),
            ["sort"] = Sort,
            ["desc"] = Desc ? "true" : null,
        };

    public SortHeaderModel Header(string label, string key) => new(label, key, Sort, Desc, Request.Path, CurrentQuery());

    public string ExportUrl() => QueryHelpers.AddQueryString(Request.Path, CurrentQuery().Where(kv => !string.IsNullOrEmpty(kv.Value)).Append(new("handler", "Export")));

    public string ReportUrl() => QueryHelpers.AddQueryString("/Dashboard/Report", CurrentQuery().Where(kv => kv.Key is not ("sort" or "desc") && !string.IsNullOrEmpty(kv.Value)));

    public static IEnumerable<DeputyLevels> Levels => Deputy.AllLevels;
}

/// <summary>A figure as a link to the records behind it (or plain text where there is no list to open).</summary>
public static class FigureLink
{
    public static Microsoft.AspNetCore.Html.IHtmlContent Count(string? url, int value, string? name = null)
    {
        var text = Fmt.Number(value);
        if (url is null)
        {
            return new Microsoft.AspNetCore.Html.HtmlString(System.Net.WebUtility.HtmlEncode(text));
        }

        var data = name is null ? string.Empty : $" data-count=\"{System.Net.WebUtility.HtmlEncode(name)}\"";
        return new Microsoft.AspNetCore.Html.HtmlString($"<a href=\"{System.Net.WebUtility.HtmlEncode(url)}\"{data}>{System.Net.WebUtility.HtmlEncode(text)}</a>");
    }
}
