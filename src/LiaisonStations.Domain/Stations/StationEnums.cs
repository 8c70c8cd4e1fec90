namespace LiaisonStations.Domain.Stations;

/// <summary>履职服务中心 / 联络站 / 联络点(代表之家、工作室).</summary>
public enum StationKind
{
    ServiceCenter = 1,
    Station = 2,
    Point = 3,
}

/// <summary>建站类型: where the station sits.</summary>
public enum HostType
{
    PartyServiceCenter = 1,
    Community = 2,
    Enterprise = 3,
    DevelopmentZone = 4,
    Court = 5,
    Procuratorate = 6,
    FamilyFarm = 7,
    School = 8,
    Other = 9,
}

public enum StationStatus
{
    Active = 1,
    Closed = 2,
}

/// <summary>八有: the eight building standards of a station.</summary>
public enum EightStandard
{
    Venue = 1,
    Signage = 2,
    Staff = 3,
    Rules = 4,
    Funds = 5,
    Activities = 6,
    Ledger = 7,
    Results = 8,
}
