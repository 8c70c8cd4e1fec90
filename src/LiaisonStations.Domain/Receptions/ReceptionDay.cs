using LiaisonStations.Domain.Common;

namespace LiaisonStations.Domain.Receptions;

/// <summary>The kinds of dated activity at a station.</summary>
public enum ReceptionDayType
{
    Reception = 1,
    ThemedReception = 2,
    DutyReport = 3,
    Inspection = 4,
    Survey = 5,
    LegislativeConsultation = 6,
    Coordination = 7,
    Training = 8,
    Visit = 9,
}

public enum ReceptionDayStatus
{
    Planned = 1,
    Held = 2,
    Cancelled = 3,
}

/// <summary>
/// 接待日 / 活动: a dated activity at a station. Planned with the deputies expected, then recorded as held
/// (who actually came, how many citizens were received, minutes) or cancelled.
/// </summary>
public sealed partial class ReceptionDay
{
    public const int MaxThemeLength = 200;

    private readonly List<ReceptionDayDeputy> _deputies = [];
    private readonly List<AttendingOfficial> _officials = [];
    private readonly List<DutyReportEntry> _dutyReports = [];

    private ReceptionDay()
    {
    }

    public int Id { get; private set; }

    /// <summary>Import key; null for days created in the application.</summary>
    public string? Code { get; private set; }

    public int StationId { get; private set; }

    public DateOnly Date { get; private set; }

    public TimeOnly? StartsAt { get; private set; }

    public TimeOnly? EndsAt { get; private set; }

    public ReceptionDayType Type { get; private set; }

    public string? Theme { get; private set; }

    public ReceptionDayStatus Status { get; private set; }

    /// <summary>For a duty report this is its attendance.</summary>
    public int CitizensReceived { get; private set; }

    /// <summary>Σ deputies who attended; kept with the attendance so aggregates need not count rows.</summary>
    public int DeputiesAttended { get; private set; }

    public string? Minutes { get; private set; }

    public string? CancelReason { get; private set; }

    /// <summary>Generated from the station's schedule rule rather than planned by hand.</summary>
    public bool FromSchedule { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public IReadOnlyList<ReceptionDayDeputy> Deputies => _deputies;

    public IReadOnlyList<AttendingOfficial> Officials => _officials;

    public IReadOnlyList<DutyReportEntry> DutyReports => _dutyReports;

    public bool IsReception => Type is ReceptionDayType.Reception or ReceptionDayType.ThemedReception;

    public static ReceptionDay Plan(
        int stationId,
        DateOnly date,
        ReceptionDayType type,
        string? theme,
        TimeOnly? startsAt,
        TimeOnly? endsAt,
        IEnumerable<int> plannedDeputyIds,
        DateTimeOffset now,
        bool fromSchedule = false)
    {
        var day = new ReceptionDay
        {
            StationId = stationId,
            Status = ReceptionDayStatus.Planned,
            FromSchedule = fromSchedule,
            CreatedAt = ChinaTime.Utc(now),
        };
        day.Replan(date, type, theme, startsAt, endsAt, plannedDeputyIds, now);
        return day;
    }

    /// <summary>An activity recorded after the fact (paper history, import): held, with its figures.</summary>
    public static ReceptionDay RecordPast(
        string? code,
        int stationId,
        DateOnly date,
        ReceptionDayType type,
        string? theme,
        IEnumerable<int> attendingDeputyIds,
        int citizensReceived,
        DateTimeOffset now)
    {
        var day = Plan(stationId, date, type, theme, null, null, [], now);
        day.Code = Check.OptionalText(code, 40);
        day.RecordHeld(attendingDeputyIds, [], citizensReceived, null, now);
        return day;
    }

    /// <summary>
    /// Re-import of an activity from the paper book (same code): the recorded values replace the previous
    /// ones. Returns whether anything changed, so importing the same file twice changes nothing.
    /// </summary>
    public bool UpdateRecorded(DateOnly date, ReceptionDayType type, string? theme, IReadOnlyCollection<int> attendingDeputyIds, int citizensReceived, DateTimeOffset now)
    {
        Check.That(Code is not null, "ReceptionDay.NotImported");
        var attending = attendingDeputyIds.Distinct().ToHashSet();
        var trimmedTheme = Check.OptionalText(theme, MaxThemeLength);
        if (Date == date && Type == type && Theme == trimmedTheme && CitizensReceived == citizensReceived && Status == ReceptionDayStatus.Held
            && _deputies.Where(d => d.Attended).Select(d => d.DeputyId).ToHashSet().SetEquals(attending))
        {
            return false;
        }

        Check.That(Enum.IsDefined(type), "ReceptionDay.TypeUnknown", type);
        Check.That(type != ReceptionDayType.ThemedReception || trimmedTheme is not null, "ReceptionDay.ThemeRequired");
        Check.That(citizensReceived is >= 0 and <= 100_000, "ReceptionDay.CitizensOutOfRange", citizensReceived);
        Check.That(date <= ChinaTime.DateOf(now), "ReceptionDay.HeldInFuture", date);
        Date = date;
        Type = type;
        Theme = trimmedTheme;
        _deputies.Clear();
        foreach (var id in attending)
        {
            _deputies.Add(new ReceptionDayDeputy(id, planned: false) { Attended = true });
        }

        DeputiesAttended = attending.Count;
        CitizensReceived = citizensReceived;
        Status = ReceptionDayStatus.Held;
        UpdatedAt = ChinaTime.Utc(now);
        return true;
    }

    public void Replan(
        DateOnly date,
        ReceptionDayType type,
        string? theme,
        TimeOnly? startsAt,
        TimeOnly? endsAt,
        IEnumerable<int> plannedDeputyIds,
        DateTimeOffset now)
    {
        Check.That(Status == ReceptionDayStatus.Planned, "ReceptionDay.NotPlanned", Status);
        Check.That(Enum.IsDefined(type), "ReceptionDay.TypeUnknown", type);
        Check.That(startsAt is null || endsAt is null || endsAt > startsAt, "ReceptionDay.EndsBeforeStart");
        Check.That(type != ReceptionDayType.ThemedReception || !string.IsNullOrWhiteSpace(theme), "ReceptionDay.ThemeRequired");
        Date = date;
        Type = type;
        Theme = Check.OptionalText(theme, MaxThemeLength);
        StartsAt = startsAt;
        EndsAt = endsAt;
        _deputies.RemoveAll(d => !d.Attended);
        foreach (var id in plannedDeputyIds.Distinct())
        {
            _deputies.Add(new ReceptionDayDeputy(id, planned: true));
        }

        UpdatedAt = ChinaTime.Utc(now);
    }

    /// <summary>Records the day as held: the deputies and department officials who actually came and the citizens received.</summary>
    public void RecordHeld(
        IEnumerable<int> attendingDeputyIds,
        IEnumerable<AttendingOfficial> officials,
        int citizensReceived,
        string? minutes,
        DateTimeOffset now)
    {
        Check.That(Status != ReceptionDayStatus.Cancelled, "ReceptionDay.Cancelled");
        // A day that has not come yet cannot have been held (it would be counted in this period's figures).
        Check.That(Date <= ChinaTime.DateOf(now), "ReceptionDay.HeldInFuture", Date);
        Check.That(citizensReceived is >= 0 and <= 100_000, "ReceptionDay.CitizensOutOfRange", citizensReceived);
        var attending = attendingDeputyIds.Distinct().ToHashSet();
        foreach (var d in _deputies)
        {
            d.Attended = attending.Contains(d.DeputyId);
        }

        foreach (var id in attending.Where(id => _deputies.All(d => d.DeputyId != id)))
        {
            _deputies.Add(new ReceptionDayDeputy(id, planned: false) { Attended = true });
        }

        _officials.Clear();
        _officials.AddRange(officials);
        CitizensReceived = citizensReceived;
        DeputiesAttended = attending.Count;
        Minutes = Check.OptionalText(minutes, 10_000);
        Status = ReceptionDayStatus.Held;
        UpdatedAt = ChinaTime.Utc(now);
    }

    public void Cancel(string reason, DateTimeOffset now)
    {
        Check.That(Status == ReceptionDayStatus.Planned, "ReceptionDay.OnlyPlannedCanBeCancelled", Status);
        CancelReason = Check.Text(reason, 500, "ReceptionDay.CancelReasonRequired");
        Status = ReceptionDayStatus.Cancelled;
        UpdatedAt = ChinaTime.Utc(now);
    }

    /// <summary>述职评议: the votes attendees cast on one reporting deputy's duty report.</summary>
    public void RecordDutyReportVotes(int deputyId, int satisfied, int basicallySatisfied, int unsatisfied, DateTimeOffset now)
    {
        Check.That(Type == ReceptionDayType.DutyReport, "DutyReport.NotADutyReport");
        Check.That(Status == ReceptionDayStatus.Held, "DutyReport.NotHeld");
        Check.That(satisfied >= 0 && basicallySatisfied >= 0 && unsatisfied >= 0, "DutyReport.VotesNegative");
        Check.That(_deputies.Any(d => d.DeputyId == deputyId && d.Attended), "DutyReport.DeputyNotPresent", deputyId);
        Check.That(
            satisfied + basicallySatisfied + unsatisfied <= CitizensReceived,
            "DutyReport.MoreVotesThanAttendees",
            satisfied + basicallySatisfied + unsatisfied,
            CitizensReceived);
        _dutyReports.RemoveAll(r => r.DeputyId == deputyId);
        _dutyReports.Add(new DutyReportEntry(deputyId, satisfied, basicallySatisfied, unsatisfied));
        UpdatedAt = ChinaTime.Utc(now);
    }
}

/// <summary>A deputy planned for or attending a reception day.</summary>
public sealed class ReceptionDayDeputy
{
    internal ReceptionDayDeputy(int deputyId, bool planned)
    {
        DeputyId = deputyId;
        Planned = planned;
    }

    private ReceptionDayDeputy()
    {
    }

    public int Id { get; private set; }

    public int DeputyId { get; private set; }

    public bool Planned { get; private set; }

    public bool Attended { get; internal set; }
}

/// <summary>A department official who came to a reception day (相关部门负责人).</summary>
public sealed class AttendingOfficial
{
    public AttendingOfficial(string name, int? departmentId, string? title)
    {
        Name = Check.Text(name, 50, "ReceptionDay.OfficialNameRequired");
        DepartmentId = departmentId;
        Title = Check.OptionalText(title, 50);
    }

    private AttendingOfficial()
    {
        Name = string.Empty;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public int? DepartmentId { get; private set; }

    public string? Title { get; private set; }
}

/// <summary>述职评议: one deputy's report at a duty-report activity and the attendees' votes.</summary>
public sealed class DutyReportEntry
{
    internal DutyReportEntry(int deputyId, int satisfied, int basicallySatisfied, int unsatisfied)
    {
        DeputyId = deputyId;
        Satisfied = satisfied;
        BasicallySatisfied = basicallySatisfied;
        Unsatisfied = unsatisfied;
    }

    private DutyReportEntry()
    {
    }

    public int Id { get; private set; }

    public int DeputyId { get; private set; }

    public int Satisfied { get; private set; }

    public int BasicallySatisfied { get; private set; }

    public int Unsatisfied { get; private set; }

    public int TotalVotes => Satisfied + BasicallySatisfied + Unsatisfied;

    /// <summary>(satisfied + basically) ÷ all votes; null when nobody voted.</summary>
    public decimal? SatisfactionRate => TotalVotes == 0 ? null : (decimal)(Satisfied + BasicallySatisfied) / TotalVotes;
}
