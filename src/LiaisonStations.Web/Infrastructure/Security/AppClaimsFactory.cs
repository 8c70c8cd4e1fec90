using System.Globalization;
using System.Security.Claims;
using LiaisonStations.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiaisonStations.Web.Infrastructure.Security;

/// <summary>
/// Puts the account's scope into its sign-in cookie. The cookie is rebuilt every minute by the security
/// stamp validator, so role and scope changes, and a deputy's new station, take effect within a minute.
/// </summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ScopeClaims.DisplayName, user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(ScopeClaims.MustChangePassword, "true"));
        }

        if (user.DistrictAreaId is { } districtId)
        {
            var path = await db.Areas.AsNoTracking().Where(a => a.Id == districtId).Select(a => a.Path).FirstOrDefaultAsync();
            identity.AddClaim(new Claim(ScopeClaims.DistrictId, districtId.ToString(CultureInfo.InvariantCulture)));
            if (path is not null)
            {
                identity.AddClaim(new Claim(ScopeClaims.DistrictPath, path));
            }
        }

        var stations = await db.UserStations.AsNoTracking().Where(s => s.UserId == user.Id).Select(s => s.StationId).ToListAsync();
        if (user.DeputyId is { } deputyId)
        {
            identity.AddClaim(new Claim(ScopeClaims.Deputy, deputyId.ToString(CultureInfo.InvariantCulture)));
            stations.AddRange(await db.Deputies.AsNoTracking()
                .Where(d => d.Id == deputyId)
                .SelectMany(d => d.Assignments.Where(a => a.To == null).Select(a => a.StationId))
                .ToListAsync());
        }

        foreach (var station in stations.Distinct())
        {
            identity.AddClaim(new Claim(ScopeClaims.Station, station.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.DepartmentId is { } departmentId)
        {
            identity.AddClaim(new Claim(ScopeClaims.Department, departmentId.ToString(CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
