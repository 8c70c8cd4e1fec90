using System.Globalization;
using System.Security.Claims;

namespace LiaisonStations.Web.Infrastructure.Security;

/// <summary>
/// Who is asking, and the scope they work in, read from the sign-in cookie's claims. Every query a page
/// runs for listing or loading by id is filtered through this (see <see cref="Scope"/>).
/// </summary>
public sealed class CurrentUser
{
    public static readonly CurrentUser Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));

    public CurrentUser(ClaimsPrincipal principal)
    {
        Principal = principal;
        IsAuthenticated = principal.Identity?.IsAuthenticated == true;
        UserId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        UserName = principal.Identity?.Name;
        DisplayName = principal.FindFirstValue(ScopeClaims.DisplayName) ?? UserName ?? string.Empty;
        Role = AppRoles.All.FirstOrDefault(principal.IsInRole);
        DistrictPath = principal.FindFirstValue(ScopeClaims.DistrictPath);
        DistrictAreaId = Int(principal.FindFirstValue(ScopeClaims.DistrictId));
        StationIds = principal.FindAll(ScopeClaims.Station).Select(c => int.Parse(c.Value, CultureInfo.InvariantCulture)).ToArray();
        DeputyId = Int(principal.FindFirstValue(ScopeClaims.Deputy));
        DepartmentId = Int(principal.FindFirstValue(ScopeClaims.Department));
    }

    public ClaimsPrincipal Principal { get; }

    public bool IsAuthenticated { get; }

    public string? UserId { get; }

    public string? UserName { get; }

    public string DisplayName { get; }

    public string? Role { get; }

    /// <summary>DistrictStaff: path of their district in the area tree (e.g. 230000.230100.230103).</summary>
    public string? DistrictPath { get; }

    public int? DistrictAreaId { get; }

    /// <summary>StationClerk: their stations. Deputy: the stations they are currently stationed at.</summary>
    public IReadOnlyList<int> StationIds { get; }

    public int? DeputyId { get; }

    public int? DepartmentId { get; }

    public bool IsAdministrator => Role == AppRoles.Administrator;

    /// <summary>Administrators and city staff see the whole city.</summary>
    public bool SeesEverything => Role is AppRoles.Administrator or AppRoles.CityStaff;

    public bool IsDistrictStaff => Role == AppRoles.DistrictStaff && DistrictPath is not null;

    public bool IsClerk => Role == AppRoles.StationClerk;

    public bool IsDeputy => Role == AppRoles.Deputy && DeputyId is not null;

    public bool IsDepartmentLiaison => Role == AppRoles.DepartmentLiaison && DepartmentId is not null;

    /// <summary>Whether an area path lies within this user's district (for DistrictStaff).</summary>
    public bool DistrictContains(string areaPath) =>
        DistrictPath is { } d && (areaPath == d || areaPath.StartsWith(d + ".", StringComparison.Ordinal));

    /// <summary>Whether the user's scope covers an area: everything for city staff, their district and below for district staff.</summary>
    public bool SeesArea(string areaPath) => SeesEverything || (IsDistrictStaff && DistrictContains(areaPath));

    /// <summary>The actor recorded in timelines and audit entries.</summary>
    public Domain.Common.Actor Actor => new(UserId, string.IsNullOrEmpty(DisplayName) ? UserName ?? "?" : DisplayName);

    private static int? Int(string? value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
