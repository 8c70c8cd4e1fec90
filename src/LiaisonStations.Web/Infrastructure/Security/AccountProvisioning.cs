using LiaisonStations.Domain.Areas;
using LiaisonStations.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Infrastructure.Security;

/// <summary>
/// Creates accounts outside the UI: the first account of a new installation (the create-user subcommand)
/// and the demo accounts. These passwords are chosen by their owner, so no change is forced at first sign-in.
/// </summary>
public sealed class AccountProvisioning(AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    /// <summary>
    /// Adds an account straight to the context (no UserManager), for bulk seeding of demo and test data.
    /// The caller saves. The password is hashed the same way Identity hashes it.
    /// </summary>
    public static AppUser AddDirect(AppDbContext db, string userName, string displayName, string role, string password, DateTimeOffset now, Action<AppUser>? bind = null, int? stationId = null)
    {
        var user = new AppUser
        {
            Id = Guid.NewGuid().ToString(),
            UserName = userName,
            NormalizedUserName = userName.ToUpperInvariant(),
            DisplayName = displayName,
            SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = true,
            CreatedAt = now.ToUniversalTime(),
        };
        user.PasswordHash = new PasswordHasher<AppUser>().HashPassword(user, password);
        bind?.Invoke(user);
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role });
        if (stationId is { } id)
        {
            db.UserStations.Add(new UserStation { UserId = user.Id, StationId = id });
        }

        return user;
    }

    public sealed record Request(string UserName, string DisplayName, string Role, string Password, string? DistrictCode, IReadOnlyList<string> StationCodes, string? DeputyCode, string? DepartmentCode);

    /// <summary>Creates the account or returns the reasons it cannot be created.</summary>
    public async Task<IReadOnlyList<string>> CreateAsync(Request request, CancellationToken ct)
    {
        var errors = new List<string>();
        if (!AppRoles.IsKnown(request.Role))
        {
            errors.Add($"unknown role '{request.Role}' (one of {string.Join(", ", AppRoles.All)})");
            return errors;
        }

        var user = new AppUser
        {
            UserName = request.UserName,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? request.UserName : request.DisplayName,
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
        };
        var stationIds = new List<int>();
        switch (request.Role)
        {
            case AppRoles.DistrictStaff:
                user.DistrictAreaId = await db.Areas.Where(a => a.Code == request.DistrictCode && a.Level == AreaLevel.District).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
                if (user.DistrictAreaId is null)
                {
                    errors.Add($"--district: no district with code '{request.DistrictCode}'");
                }

                break;
            case AppRoles.StationClerk:
                stationIds = await db.Stations.Where(s => request.StationCodes.Contains(s.Code)).Select(s => s.Id).ToListAsync(ct);
                if (request.StationCodes.Count == 0 || stationIds.Count != request.StationCodes.Distinct().Count())
                {
                    errors.Add($"--station: every station code must exist ({string.Join(", ", request.StationCodes)})");
                }

                break;
            case AppRoles.Deputy:
                user.DeputyId = await db.Deputies.Where(d => d.Code == request.DeputyCode).Select(d => (int?)d.Id).FirstOrDefaultAsync(ct);
                if (user.DeputyId is null)
                {
                    errors.Add($"--deputy: no deputy with code '{request.DeputyCode}'");
                }

                break;
            case AppRoles.DepartmentLiaison:
                user.DepartmentId = await db.Departments.Where(d => d.Code == request.DepartmentCode).Select(d => (int?)d.Id).FirstOrDefaultAsync(ct);
                if (user.DepartmentId is null)
                {
                    errors.Add($"--department: no department with code '{request.DepartmentCode}'");
                }

                break;
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            return created.Errors.Select(e => e.Description).ToList();
        }

        await users.AddToRoleAsync(user, request.Role);
        db.UserStations.AddRange(stationIds.Select(id => new UserStation { UserId = user.Id, StationId = id }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return [];
    }
}
