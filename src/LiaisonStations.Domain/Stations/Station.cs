using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Common;

namespace LiaisonStations.Domain.Stations;

/// <summary>代表联络站: a liaison station, a service centre or a community point.</summary>
public sealed class Station
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 100;
    public const int MaxAddressLength = 200;

    private readonly List<StationStandard> _standards = [];

    private Station()
    {
        Code = string.Empty;
        Name = string.Empty;
        AreaPath = string.Empty;
    }

    public int Id { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public StationKind Kind { get; private set; }

    public HostType HostType { get; private set; }

    public int AreaId { get; private set; }

    /// <summary>Copy of the area's path, so scope and drill-down filters need no join to the area tree.</summary>
    public string AreaPath { get; private set; }

    public string? Address { get; private set; }

    public string? ContactPhone { get; private set; }

    public DateOnly OpenedOn { get; private set; }

    public StationStatus Status { get; private set; }

    public DateOnly? ClosedOn { get; private set; }

    public string? ClosedReason { get; private set; }

    /// <summary>基层立法联系点: collects citizens' opinions on draft regulations.</summary>
    public bool IsLegislativeContactPoint { get; private set; }

    public ScheduleKind ScheduleKind { get; private set; }

    public int? ScheduleDayOfMonth { get; private set; }

    public DayOfWeek? ScheduleWeekday { get; private set; }

    public int? ScheduleNth { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<StationStandard> Standards => _standards;

    public ReceptionSchedule Schedule => ReceptionSchedule.From(ScheduleKind, ScheduleDayOfMonth, ScheduleWeekday, ScheduleNth);

    public bool IsActive => Status == StationStatus.Active;

    /// <summary>Active on a day: opened on or before it and not closed by then (a station closed on a day is closed that day).</summary>
    public static bool WasActiveOn(DateOnly openedOn, DateOnly? closedOn, DateOnly day) => openedOn <= day && (closedOn is null || closedOn > day);

    public static Station Create(
        string code,
        string name,
        StationKind kind,
        HostType hostType,
        Area area,
        string? address,
        DateOnly openedOn,
        bool isLegislativeContactPoint,
        DateTimeOffset now)
    {
        var station = new Station
        {
            Code = ValidCode(code),
            Status = StationStatus.Active,
            CreatedAt = ChinaTime.Utc(now),
        };
        station.SetDetails(name, kind, hostType, area, address, openedOn, isLegislativeContactPoint, now);
        foreach (var standard in Enum.GetValues<EightStandard>())
        {
            station._standards.Add(new StationStandard(standard));
        }

        return station;
    }

    public void ChangeCode(string code, DateTimeOffset now)
    {
        Code = ValidCode(code);
        Touch(now);
    }

    public void SetDetails(
        string name,
        StationKind kind,
        HostType hostType,
        Area area,
        string? address,
        DateOnly openedOn,
        bool isLegislativeContactPoint,
        DateTimeOffset now)
    {
        Check.That(Enum.IsDefined(kind), "Station.KindUnknown", kind);
        Check.That(Enum.IsDefined(hostType), "Station.HostTypeUnknown", hostType);
        // A station serves a street/township (DESIGN §2); points sit in a community or village, or in a street
        // when hosted by an enterprise or a court; only service centres sit at city or district level.
        Check.That(
            kind switch
            {
                StationKind.ServiceCenter => area.Level is AreaLevel.City or AreaLevel.District or AreaLevel.Street,
                StationKind.Station => area.Level is AreaLevel.Street,
                _ => area.Level is AreaLevel.Street or AreaLevel.Community,
            },
            "Station.AreaLevelNotAllowed",
            kind,
            area.Level);
        Check.That(ClosedOn is null || openedOn <= ClosedOn, "Station.OpenedAfterClosed");
        Name = Check.Text(name, MaxNameLength, "Station.NameRequired");
        Kind = kind;
        HostType = hostType;
        AreaId = area.Id;
        AreaPath = area.Path;
        Address = Check.OptionalText(address, MaxAddressLength);
        OpenedOn = openedOn;
        IsLegislativeContactPoint = isLegislativeContactPoint;
        Touch(now);
    }

    public void SetContactPhone(string? phone, DateTimeOffset now)
    {
        ContactPhone = Check.OptionalText(phone, 30);
        Touch(now);
    }

    public void SetSchedule(ReceptionSchedule schedule, DateTimeOffset now)
    {
        ScheduleKind = schedule.Kind;
        ScheduleDayOfMonth = schedule.DayOfMonth;
        ScheduleWeekday = schedule.Weekday;
        ScheduleNth = schedule.Nth;
        Touch(now);
    }

    /// <summary>Records the state of one of the eight standards (八有) as checked on a date.</summary>
    public void RecordStandard(EightStandard standard, bool met, string? note, DateOnly checkedOn, DateTimeOffset now)
    {
        var entry = _standards.SingleOrDefault(s => s.Standard == standard);
        if (entry is null)
        {
            entry = new StationStandard(standard);
            _standards.Add(entry);
        }

        entry.Record(met, note, checkedOn);
        Touch(now);
    }

    public int StandardsMet => _standards.Count(s => s.Met);

    public void Close(DateOnly closedOn, string reason, DateTimeOffset now)
    {
        Check.That(Status == StationStatus.Active, "Station.AlreadyClosed", Code);
        Check.That(closedOn >= OpenedOn, "Station.ClosedBeforeOpened");
        var text = Check.Text(reason, 500, "Station.CloseReasonRequired");
        Status = StationStatus.Closed;
        ClosedOn = closedOn;
        ClosedReason = text;
        Touch(now);
    }

    public void Reopen(DateTimeOffset now)
    {
        Check.That(Status == StationStatus.Closed, "Station.NotClosed", Code);
        Status = StationStatus.Active;
        ClosedOn = null;
        ClosedReason = null;
        Touch(now);
    }

    private void Touch(DateTimeOffset now) => UpdatedAt = ChinaTime.Utc(now);

    private static string ValidCode(string code)
    {
        var c = Check.Text(code, MaxCodeLength, "Station.CodeRequired");
        Check.That(c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'), "Station.CodeInvalid", c);
        return c;
    }
}

/// <summary>One of the eight standards of a station: met or not, with a note and the date it was checked.</summary>
public sealed class StationStandard
{
    internal StationStandard(EightStandard standard)
    {
        Standard = standard;
    }

    private StationStandard()
    {
    }

    public int Id { get; private set; }

    public EightStandard Standard { get; private set; }

    public bool Met { get; private set; }

    public string? Note { get; private set; }

    public DateOnly? CheckedOn { get; private set; }

    internal void Record(bool met, string? note, DateOnly checkedOn)
    {
        Met = met;
        Note = Check.OptionalText(note, 500);
        CheckedOn = checkedOn;
    }
}
