using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Stations;

namespace LiaisonStations.Web.Statistics;

/// <summary>The metrics of DESIGN §4 for one area and period. Rates are fractions from 0 to 1, null when there is nothing to divide by.</summary>
public sealed record Metrics(
    int Stations,
    int Points,
    decimal? Coverage,
    IReadOnlyDictionary<string, decimal?> EntryRate,
    int ReceptionDays,
    int DeputyParticipations,
    int CitizensReceived,
    int RequestsCollected,
    int Resolved,
    decimal? ResolutionRate,
    decimal? AverageDaysToClose,
    int Overdue,
    decimal? Satisfaction,
    int DutyReports,
    int ReportingDeputies,
    int DutyReportAttendees,
    decimal? DutyReportSatisfaction,
    decimal? SuggestionImplementationRate,
    decimal? SuggestionSolvedRate,
    decimal? SuggestionSatisfaction,
    decimal? EightStandardsCompliance);

/// <summary>
/// The raw counts behind <see cref="Metrics"/>: every numerator and denominator, so the dashboard can show
/// them and link each to the records it counts. Deputy figures (entry rate, suggestions) and coverage are
/// absent (<see cref="HasDeputyFigures"/>, <see cref="HasCoverage"/> false) for a single station.
/// </summary>
public sealed class Tally
{
    public int Stations { get; internal set; }

    public int Points { get; internal set; }

    public int StandardsMet { get; internal set; }

    public int Streets { get; internal set; }

    public int CoveredStreets { get; internal set; }

    public bool HasCoverage { get; internal set; }

    public bool HasDeputyFigures { get; internal set; }

    /// <summary>Active deputies of each level (index as in <see cref="Deputy.AllLevels"/>).</summary>
    public int[] Deputies { get; } = new int[5];

    /// <summary>Of those, the ones with a current station assignment.</summary>
    public int[] StationedDeputies { get; } = new int[5];

    /// <summary>Active deputies of any level, each counted once, and those stationed.</summary>
    public int AllDeputies { get; internal set; }

    public int AllStationedDeputies { get; internal set; }

    public int ReceptionDays { get; internal set; }

    public int DeputyParticipations { get; internal set; }

    public int CitizensReceived { get; internal set; }

    public int DutyReports { get; internal set; }

    public int DutyReportAttendees { get; internal set; }

    public int ReportingDeputies { get; internal set; }

    public int Votes { get; internal set; }

    public int GoodVotes { get; internal set; }

    public int RequestsCollected { get; internal set; }

    public int Resolved { get; internal set; }

    /// <summary>Requests that left the open states in the period (办结).</summary>
    public int Finished { get; internal set; }

    /// <summary>Of those, the ones resolved: the resolution rate's numerator, a part of its denominator.</summary>
    public int FinishedResolved { get; internal set; }

    public int Closed { get; internal set; }

    public long DaysToClose { get; internal set; }

    public int Overdue { get; internal set; }

    public int Evaluations { get; internal set; }

    public int GoodEvaluations { get; internal set; }

    /// <summary>Of the evaluations, those the citizens gave themselves online (the rest a clerk recorded at the return visit).</summary>
    public int OnlineEvaluations { get; internal set; }

    public int SuggestionsAnswered { get; internal set; }

    public int SuggestionsAnsweredAOrB { get; internal set; }

    public int SuggestionsAnsweredA { get; internal set; }

    public int SuggestionEvaluations { get; internal set; }

    public int GoodSuggestionEvaluations { get; internal set; }

    /// <summary>Active stations and points by their latest approved star rating: index 1, 2, 3.</summary>
    public int[] StarStations { get; } = new int[4];

    public Metrics ToMetrics()
    {
        var entry = new Dictionary<string, decimal?>();
        for (var i = 0; i < Deputy.AllLevels.Length; i++)
        {
            entry[Deputy.AllLevels[i].ToString()] = HasDeputyFigures ? Rate(StationedDeputies[i], Deputies[i]) : null;
        }

        return new Metrics(
            Stations,
            Points,
            HasCoverage ? Rate(CoveredStreets, Streets) : null,
            entry,
            ReceptionDays,
            DeputyParticipations,
            CitizensReceived,
            RequestsCollected,
            Resolved,
            Rate(FinishedResolved, Finished),
            Closed == 0 ? null : Math.Round((decimal)DaysToClose / Closed, 2),
            Overdue,
            Rate(GoodEvaluations, Evaluations),
            DutyReports,
            ReportingDeputies,
            DutyReportAttendees,
            Rate(GoodVotes, Votes),
            HasDeputyFigures ? Rate(SuggestionsAnsweredAOrB, SuggestionsAnswered) : null,
            HasDeputyFigures ? Rate(SuggestionsAnsweredA, SuggestionsAnswered) : null,
            HasDeputyFigures ? Rate(GoodSuggestionEvaluations, SuggestionEvaluations) : null,
            Rate(StandardsMet, Stations * 8));
    }

    public static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);
}

public sealed class MonthFigures(DateOnly month)
{
    public DateOnly Month { get; } = month;

    public int ReceptionDays { get; internal set; }

    public int RequestsCollected { get; internal set; }

    public int Resolved { get; internal set; }
}

/// <summary>Chart figures gathered by the same scans as the metrics (grouping sets), when asked for.</summary>
internal sealed class ChartFigures
{
    public SortedDictionary<DateOnly, MonthFigures> Months { get; } = [];

    public Dictionary<int, int> Categories { get; } = [];

    /// <summary>Stations and points opened (+) and closed (−) per month, up to the day the figures are counted on.</summary>
    public SortedDictionary<DateOnly, (int Stations, int Points)> NetworkChanges { get; } = [];
}

/// <summary>How many stations and points were active at the end of a month (or on the as-of day for its last month).</summary>
public sealed record NetworkMonth(DateOnly Month, int Stations, int Points);

public sealed record CategoryFigure(int Id, string Name, int Requests);

public sealed record Charts(IReadOnlyList<MonthFigures> Trend, IReadOnlyList<CategoryFigure> Categories, IReadOnlyList<NetworkMonth> Network);

/// <summary>One line of a breakdown: a child area (AreaCode set) or a station (StationId set).</summary>
public sealed record MetricsRow(string Name, string? AreaCode, AreaLevel? Level, int? StationId, StationKind? Kind, Tally Counts)
{
    public Metrics Metrics { get; } = Counts.ToMetrics();

    /// <summary>Stations attached to the area itself rather than to one of its children.</summary>
    public bool IsDirect => AreaCode is null && StationId is null;
}

/// <summary>The figures of an area or station and of each of its children.</summary>
[System.ComponentModel.ImmutableObject(true)]
public sealed record MetricsReport(Tally Counts, IReadOnlyList<MetricsRow> Rows)
{
    public Metrics Metrics { get; } = Counts.ToMetrics();

    /// <summary>True when the rows are stations (a street or community), false when they are child areas.</summary>
    public bool RowsAreStations { get; init; }

    /// <summary>Monthly trend and categories, when asked for (the dashboard), from the same scans.</summary>
    public Charts? Charts { get; init; }

    /// <summary>The day stations, points, coverage and the entry rate are counted on: the period's last day, or today.</summary>
    public DateOnly AsOf { get; init; }

    /// <summary>When the figures were counted (they may be served from the cache for a while after).</summary>
    public DateTimeOffset ComputedAt { get; init; }
}
