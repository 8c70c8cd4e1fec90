using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Common;

namespace LiaisonStations.Domain.Deputies;

/// <summary>The levels of people's congress a deputy sits in. A person may be a deputy at several levels at once.</summary>
[Flags]
#pragma warning disable CA1714 // "Levels" reads better than "Levelses"; the enum is a set of levels.
public enum DeputyLevels
#pragma warning restore CA1714
{
    None = 0,
    National = 1,
    Provincial = 2,
    City = 4,
    County = 8,
    Township = 16,
}

public enum Gender
{
    Male = 1,
    Female = 2,
}

public enum DeputyStatus
{
    Active = 1,

    /// <summary>Term ended, resigned or removed: no longer counted in entry rates.</summary>
    Ended = 2,
}

public enum AssignmentRole
{
    /// <summary>站长</summary>
    Chief = 1,
    Member = 2,
}

/// <summary>人大代表: a people's congress deputy and the history of the stations they were stationed at.</summary>
public sealed class Deputy
{
    public const int MaxNameLength = 50;

    public static readonly DeputyLevels[] AllLevels =
        [DeputyLevels.National, DeputyLevels.Provincial, DeputyLevels.City, DeputyLevels.County, DeputyLevels.Township];

    private readonly List<StationAssignment> _assignments = [];

    private Deputy()
    {
        Code = string.Empty;
        Name = string.Empty;
        Term = string.Empty;
    }

    public int Id { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public Gender Gender { get; private set; }

    public DeputyLevels Levels { get; private set; }

    /// <summary>届, e.g. 市十六届.</summary>
    public string Term { get; private set; }

    public int? ConstituencyAreaId { get; private set; }

    /// <summary>
    /// The constituency's area path (codes from the root), copied like a station's area path so the dashboard
    /// can count an area's deputies from one index, without joining the area tree. Areas never move.
    /// </summary>
    public string? ConstituencyPath { get; private set; }

    /// <summary>进站: has a current assignment. Kept by the assignment verbs; the entry rate counts it.</summary>
    public bool IsStationed { get; private set; }

    /// <summary>界别/身份, e.g. 企业, 农民, 机关.</summary>
    public string? Sector { get; private set; }

    public string? Phone { get; private set; }

    public DeputyStatus Status { get; private set; }

    public DateOnly? EndedOn { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public IReadOnlyList<StationAssignment> Assignments => _assignments;

    public bool IsActive => Status == DeputyStatus.Active;

    public static Deputy Create(
        string code,
        string name,
        Gender gender,
        DeputyLevels levels,
        string term,
        Area? constituency,
        string? sector,
        string? phone,
        DateTimeOffset now)
    {
        var c = Check.Text(code, 32, "Deputy.CodeRequired");
        Check.That(c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'), "Deputy.CodeInvalid", c);
        var deputy = new Deputy { Code = c, Status = DeputyStatus.Active };
        deputy.Update(name, gender, levels, term, constituency, sector, phone, now);
        return deputy;
    }

    public void Update(
        string name,
        Gender gender,
        DeputyLevels levels,
        string term,
        Area? constituency,
        string? sector,
        string? phone,
        DateTimeOffset now)
    {
        Check.That(levels != DeputyLevels.None, "Deputy.LevelRequired");
        Check.That(((int)levels & ~31) == 0, "Deputy.LevelUnknown", levels);
        Check.That(Enum.IsDefined(gender), "Deputy.GenderUnknown", gender);
        Name = Check.Text(name, MaxNameLength, "Deputy.NameRequired");
        Gender = gender;
        Levels = levels;
        Term = Check.Text(term, 30, "Deputy.TermRequired");
        ConstituencyAreaId = constituency?.Id;
        ConstituencyPath = constituency?.Path;
        Sector = Check.OptionalText(sector, 50);
        Phone = Check.OptionalText(phone, 30);
        UpdatedAt = ChinaTime.Utc(now);
    }

    public bool HoldsLevel(DeputyLevels level) => (Levels & level) == level;

    /// <summary>The deputy's mandate ends: open assignments end on the same day.</summary>
    public void EndMandate(DateOnly endedOn, DateTimeOffset now)
    {
        Check.That(Status == DeputyStatus.Active, "Deputy.AlreadyEnded", Code);
        foreach (var a in _assignments.Where(a => a.IsCurrent))
        {
            a.End(endedOn < a.From ? a.From : endedOn);
        }

        Status = DeputyStatus.Ended;
        EndedOn = endedOn;
        IsStationed = false;
        UpdatedAt = ChinaTime.Utc(now);
    }

    public StationAssignment? CurrentAssignmentAt(int stationId) => _assignments.FirstOrDefault(a => a.StationId == stationId && a.IsCurrent);

    /// <summary>进站: stations the deputy at a station from a date; at most one current assignment per station.</summary>
    public StationAssignment AssignTo(int stationId, AssignmentRole role, DateOnly from, DateTimeOffset now)
    {
        Check.That(Status == DeputyStatus.Active, "Deputy.NotActive", Code);
        Check.That(Enum.IsDefined(role), "Assignment.RoleUnknown", role);
        Check.That(CurrentAssignmentAt(stationId) is null, "Assignment.AlreadyStationed", Code);
        Check.That(
            !_assignments.Any(a => a.StationId == stationId && a.To is { } to && to >= from),
            "Assignment.OverlapsHistory",
            Code);
        var assignment = new StationAssignment(stationId, role, from);
        _assignments.Add(assignment);
        IsStationed = true;
        UpdatedAt = ChinaTime.Utc(now);
        return assignment;
    }

    public void EndAssignment(int stationId, DateOnly to, DateTimeOffset now)
    {
        var current = CurrentAssignmentAt(stationId) ?? throw new DomainRuleException("Assignment.NotStationed", Code);
        current.End(to);
        IsStationed = _assignments.Any(a => a.IsCurrent);
        UpdatedAt = ChinaTime.Utc(now);
    }

    /// <summary>Moves the deputy from one station to another: the old assignment ends the day before the new one starts.</summary>
    public StationAssignment MoveTo(int fromStationId, int toStationId, AssignmentRole role, DateOnly on, DateTimeOffset now)
    {
        Check.That(fromStationId != toStationId, "Assignment.MoveToSameStation");
        var current = CurrentAssignmentAt(fromStationId) ?? throw new DomainRuleException("Assignment.NotStationed", Code);
        Check.That(on > current.From, "Assignment.MoveBeforeStart");
        current.End(on.AddDays(-1));
        return AssignTo(toStationId, role, on, now);
    }

    public void ChangeRole(int stationId, AssignmentRole role, DateTimeOffset now)
    {
        var current = CurrentAssignmentAt(stationId) ?? throw new DomainRuleException("Assignment.NotStationed", Code);
        Check.That(Enum.IsDefined(role), "Assignment.RoleUnknown", role);
        current.ChangeRole(role);
        UpdatedAt = ChinaTime.Utc(now);
    }
}

/// <summary>进站: a deputy stationed at a station from a date until an optional end date.</summary>
public sealed class StationAssignment
{
    internal StationAssignment(int stationId, AssignmentRole role, DateOnly from)
    {
        StationId = stationId;
        Role = role;
        From = from;
    }

    private StationAssignment()
    {
    }

    public int Id { get; private set; }

    public int DeputyId { get; private set; }

    public int StationId { get; private set; }

    public AssignmentRole Role { get; private set; }

    public DateOnly From { get; private set; }

    /// <summary>Last day of the assignment; null while current.</summary>
    public DateOnly? To { get; private set; }

    public bool IsCurrent => To is null;

    public bool IsActiveOn(DateOnly date) => From <= date && (To is null || To >= date);

    internal void End(DateOnly to)
    {
        Check.That(To is null, "Assignment.AlreadyEnded");
        Check.That(to >= From, "Assignment.EndBeforeStart");
        To = to;
    }

    internal void ChangeRole(AssignmentRole role) => Role = role;
}

/// <summary>明星代表: the annual honour of a deputy.</summary>
public sealed class StarDeputy : AnnualHonour
{
    private StarDeputy()
    {
    }

    public int DeputyId { get; private set; }

    public static StarDeputy Nominate(int deputyId, int year, string? reason, DateTimeOffset now)
    {
        var honour = new StarDeputy { DeputyId = deputyId };
        honour.StartNomination(year, reason, now);
        return honour;
    }

    public void DecideByPanel(string? note) => RecordPanelDecision(note);

    /// <summary>A deputy's honour has no stars: the panel only decides.</summary>
    protected override void DecideByPanel(int? stars, string? note) => RecordPanelDecision(note);
}
