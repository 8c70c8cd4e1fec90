using Microsoft.AspNetCore.Identity;

namespace LiaisonStations.Web.Infrastructure.Security;

/// <summary>
/// An account. Each account has one role (DESIGN §5) and is bound to the scope that role works in: a
/// district, one or more stations, a deputy record or a department.
/// </summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>DistrictStaff: the district (area id) they work for.</summary>
    public int? DistrictAreaId { get; set; }

    /// <summary>Deputy: the deputy record the account belongs to.</summary>
    public int? DeputyId { get; set; }

    /// <summary>DepartmentLiaison: the department.</summary>
    public int? DepartmentId { get; set; }

    /// <summary>StationClerk: the stations they keep.</summary>
    public List<UserStation> Stations { get; set; } = [];

    /// <summary>Set when someone else chose the password (created or reset in the UI): it must be changed at first sign-in.</summary>
    public bool MustChangePassword { get; set; }

    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }
}

/// <summary>A station a clerk account keeps.</summary>
public sealed class UserStation
{
    public string UserId { get; set; } = string.Empty;

    public int StationId { get; set; }
}

/// <summary>The roles of DESIGN §5.</summary>
public static class AppRoles
{
    public const string Administrator = "Administrator";
    public const string CityStaff = "CityStaff";
    public const string DistrictStaff = "DistrictStaff";
    public const string StationClerk = "StationClerk";
    public const string Deputy = "Deputy";
    public const string DepartmentLiaison = "DepartmentLiaison";

    public static readonly string[] All = [Administrator, CityStaff, DistrictStaff, StationClerk, Deputy, DepartmentLiaison];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}

/// <summary>Claim types carrying the account's scope in the sign-in cookie (refreshed with the security stamp).</summary>
public static class ScopeClaims
{
    public const string DisplayName = "liaison:name";
    public const string DistrictPath = "liaison:district_path";
    public const string DistrictId = "liaison:district";
    public const string Station = "liaison:station";
    public const string Deputy = "liaison:deputy";
    public const string Department = "liaison:department";
    public const string MustChangePassword = "liaison:must_change_password";
}
