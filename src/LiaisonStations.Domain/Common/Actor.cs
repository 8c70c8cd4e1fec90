namespace LiaisonStations.Domain.Common;

/// <summary>Who did something: the account id (null for the system or an anonymous citizen) and a display name.</summary>
public sealed record Actor(string? UserId, string Name)
{
    public static readonly Actor System = new(null, "system");

    public static readonly Actor Citizen = new(null, "citizen");
}
