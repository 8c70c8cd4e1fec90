using LiaisonStations.Domain.Deputies;
using LiaisonStations.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Statistics;

/// <summary>Small calculations the dashboard, its export and its report share.</summary>
public static class DashboardFigures
{
    /// <summary>Deputies of any level with a current assignment ÷ active deputies, each deputy counted once.</summary>
    public static decimal? OverallEntryRate(Tally t) => t.HasDeputyFigures ? Tally.Rate(t.AllStationedDeputies, t.AllDeputies) : null;

    public static decimal? EntryRate(Tally t, int level) => t.HasDeputyFigures ? Tally.Rate(t.StationedDeputies[level], t.Deputies[level]) : null;

    /// <summary>Percentage points below the target, or null when the target is met or there is no figure.</summary>
    public static decimal? Shortfall(decimal? rate, decimal target) => rate is { } r && r < target ? Math.Round((target - r) * 100, 1) : null;

    /// <summary>A rate as a percentage number for a spreadsheet cell (85.3), null when there is none.</summary>
    public static decimal? Percent(decimal? rate) => rate is { } r ? Math.Round(r * 100, 1) : null;

    public static string Title(DashboardView view, string what) =>
        $"{view.Name} {what}（{Fmt.Date(view.Period.From)} — {Fmt.Date(view.Period.To)}）";
}

/// <summary>The dashboard's tables as XLSX sheets: summary, breakdown, entry rate, stars, monthly trend, categories.</summary>
public sealed class DashboardWorkbook(DashboardView view, IStringLocalizer l)
{
    public static readonly int[] StarLevels = [3, 2, 1];

    public IReadOnlyList<XlsxSheet> Sheets(IReadOnlyList<MetricsRow> rows)
    {
        var counts = view.Report.Counts;
        var m = view.Report.Metrics;
        var sheets = new List<XlsxSheet>
        {
            new(l["Dashboard.Summary"], DashboardFigures.Title(view, l["Dashboard.Summary"]), [l["Dashboard.Metric"], l["Dashboard.Value"]], Summary(counts, m)),
        };
        if (rows.Count > 0)
        {
            string[] headers =
            [
                l[view.Report.RowsAreStations ? "Request.Station" : "Dashboard.Area"], l["Dashboard.Stations"], l["Dashboard.Points"], l["Dashboard.CoveragePct"], l["Dashboard.EntryRatePct"],
                l["Dashboard.ReceptionDays"], l["Dashboard.Participations"], l["Dashboard.Citizens"], l["Dashboard.Collected"], l["Dashboard.Resolved"],
                l["Dashboard.ResolutionRatePct"], l["Dashboard.DaysToClose"], l["Dashboard.Overdue"], l["Dashboard.SatisfactionPct"], l["Dashboard.DutyReports"],
                l["Dashboard.ReportingDeputies"], l["Dashboard.DutyAttendees"], l["Dashboard.ImplementationPct"], l["Dashboard.SolvedPct"], l["Dashboard.StandardsPct"],
            ];
            sheets.Add(new(l["Dashboard.Breakdown"], DashboardFigures.Title(view, l["Dashboard.Breakdown"]), headers, rows.Select(r => (IReadOnlyList<object?>)
            [
                r.Name, r.Metrics.Stations, r.Metrics.Points, DashboardFigures.Percent(r.Metrics.Coverage), DashboardFigures.Percent(DashboardFigures.OverallEntryRate(r.Counts)),
                r.Metrics.ReceptionDays, r.Metrics.DeputyParticipations, r.Metrics.CitizensReceived, r.Metrics.RequestsCollected, r.Metrics.Resolved,
                DashboardFigures.Percent(r.Metrics.ResolutionRate), r.Metrics.AverageDaysToClose, r.Metrics.Overdue, DashboardFigures.Percent(r.Metrics.Satisfaction), r.Metrics.DutyReports,
                r.Metrics.ReportingDeputies, r.Metrics.DutyReportAttendees, DashboardFigures.Percent(r.Metrics.SuggestionImplementationRate), DashboardFigures.Percent(r.Metrics.SuggestionSolvedRate),
                DashboardFigures.Percent(r.Metrics.EightStandardsCompliance),
            ])));
        }

        if (counts.HasDeputyFigures)
        {
            sheets.Add(new(l["Dashboard.EntryRate"], DashboardFigures.Title(view, l["Dashboard.EntryRate"]),
                [l["Deputy.Levels"], l["Dashboard.Deputies"], l["Dashboard.StationedDeputies"], l["Dashboard.EntryRatePct"], l["Dashboard.TargetPct"], l["Dashboard.ShortfallPts"]],
                Deputy.AllLevels.Select((level, i) =>
                {
                    var rate = DashboardFigures.EntryRate(counts, i);
                    var target = DashboardView.TargetFor(level);
                    return (IReadOnlyList<object?>)[l[$"Enum.DeputyLevels.{level}"].Value, counts.Deputies[i], counts.StationedDeputies[i], DashboardFigures.Percent(rate), DashboardFigures.Percent(target), DashboardFigures.Shortfall(rate, target)];
                }).ToList()));
        }

        sheets.Add(new(l["Dashboard.Stars"], DashboardFigures.Title(view, l["Dashboard.Stars"]), [l["Dashboard.StarLevel"], l["Dashboard.Stations"]],
            StarLevels.Select(n => (IReadOnlyList<object?>)[l["Dashboard.StarN", n].Value, counts.StarStations[n]]).ToList()));
        if (view.Charts is { } charts)
        {
            sheets.Add(new(l["Dashboard.Trend"], DashboardFigures.Title(view, l["Dashboard.Trend"]), [l["Dashboard.Month"], l["Dashboard.ReceptionDays"], l["Dashboard.Collected"], l["Dashboard.Resolved"]],
                charts.Trend.Select(t => (IReadOnlyList<object?>)[t.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), t.ReceptionDays, t.RequestsCollected, t.Resolved]).ToList()));
            sheets.Add(new(l["Dashboard.Categories"], DashboardFigures.Title(view, l["Dashboard.Categories"]), [l["Request.Category"], l["Dashboard.Collected"]],
                charts.Categories.Select(c => (IReadOnlyList<object?>)[c.Name, c.Requests]).ToList()));
        }

        return sheets;
    }

    private List<IReadOnlyList<object?>> Summary(Tally c, Metrics m)
    {
        var lines = new List<IReadOnlyList<object?>>
        {
            Line("Dashboard.Stations", m.Stations),
            Line("Dashboard.Points", m.Points),
        };
        if (c.HasCoverage)
        {
            lines.Add(Line("Dashboard.CoveragePct", DashboardFigures.Percent(m.Coverage)));
        }

        if (c.HasDeputyFigures)
        {
            lines.Add(Line("Dashboard.EntryRatePct", DashboardFigures.Percent(DashboardFigures.OverallEntryRate(c))));
        }

        lines.AddRange(
        [
            Line("Dashboard.ReceptionDays", m.ReceptionDays),
            Line("Dashboard.Participations", m.DeputyParticipations),
            Line("Dashboard.Citizens", m.CitizensReceived),
            Line("Dashboard.Collected", m.RequestsCollected),
            Line("Dashboard.Resolved", m.Resolved),
            Line("Dashboard.ResolutionRatePct", DashboardFigures.Percent(m.ResolutionRate)),
            Line("Dashboard.DaysToClose", m.AverageDaysToClose),
            Line("Dashboard.Overdue", m.Overdue),
            Line("Dashboard.SatisfactionPct", DashboardFigures.Percent(m.Satisfaction)),
            Line("Dashboard.DutyReports", m.DutyReports),
            Line("Dashboard.ReportingDeputies", m.ReportingDeputies),
            Line("Dashboard.DutyAttendees", m.DutyReportAttendees),
            Line("Dashboard.DutySatisfactionPct", DashboardFigures.Percent(m.DutyReportSatisfaction)),
        ]);
        if (c.HasDeputyFigures)
        {
            lines.AddRange(
            [
                Line("Dashboard.Answered", c.SuggestionsAnswered),
                Line("Dashboard.ImplementationPct", DashboardFigures.Percent(m.SuggestionImplementationRate)),
                Line("Dashboard.SolvedPct", DashboardFigures.Percent(m.SuggestionSolvedRate)),
                Line("Dashboard.SuggestionSatisfactionPct", DashboardFigures.Percent(m.SuggestionSatisfaction)),
            ]);
        }

        lines.Add(Line("Dashboard.StandardsPct", DashboardFigures.Percent(m.EightStandardsCompliance)));
        return lines;
    }

    private IReadOnlyList<object?> Line(string key, object? value) => [l[key].Value, value];
}
