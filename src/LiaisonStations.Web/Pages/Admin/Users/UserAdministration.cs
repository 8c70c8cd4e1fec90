using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LiaisonStations.Domain.Areas;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Admin.Users;

/// <summary>The account form (create and edit).</summary>
public sealed class UserInput
{
    [Display(Name = "User.UserName")]
    public string? UserName { get; set; }

    [Display(Name = "User.DisplayName")]
    public string? DisplayName { get; set; }

    [Display(Name = "User.Role")]
    public string? Role { get; set; }

    [Display(Name = "User.District")]
    public string? DistrictCode { get; set; }

    [Display(Name = "User.Stations")]
    public List<int> StationIds { get; set; } = [];

    [Display(Name = "User.DeputyCode")]
    public string? DeputyCode { get; set; }

    [Display(Name = "User.Department")]
    public int? DepartmentId { get; set; }

    [Display(Name = "Account.Password")]
    public string? Password { get; set; }

    [Display(Name = "Account.ConfirmPassword")]
    public string? ConfirmPassword { get; set; }
}

public sealed class UserInputValidator : AbstractValidator<UserInput>
{
    public UserInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.UserName).NotEmpty().Length(3, 50).Matches("^[A-Za-z0-9._@-]+$").WithMessage(_ => l["Account.UserNameInvalid"]);
        RuleFor(x => x.DisplayName).NotEmpty().MaximumLength(50);
        RuleFor(x => x.Role).NotEmpty().Must(AppRoles.IsKnown).WithMessage(_ => l["User.RoleUnknown"]);
        RuleFor(x => x.DeputyCode).MaximumLength(32);
        RuleFor(x => x.Password).MaximumLength(200);
        RuleFor(x => x.ConfirmPassword).Equal(x => x.Password).WithMessage(_ => l["Password.ConfirmMismatch"]);
    }
}

/// <summary>An account's scope as resolved from the form: exactly what its role needs, nothing more.</summary>
public sealed record ScopeBinding(int? DistrictAreaId, IReadOnlyList<int> StationIds, int? DeputyId, int? DepartmentId)
{
    public static readonly ScopeBinding None = new(null, [], null, null);
}

public sealed record StationChoice(int Id, string Code, string Name, string DistrictName);

/// <summary>
/// Who may administer which accounts: administrators all of them; district staff only the station clerks of
/// their own district, and only as clerks of stations in that district.
/// </summary>
public sealed class UserAdministration(AppDbContext db, CurrentUser me, IStringLocalizer<SharedResource> l)
{
    public IReadOnlyList<string> AssignableRoles => me.IsAdministrator ? AppRoles.All : me.IsDistrictStaff ? [AppRoles.StationClerk] : [];

    /// <summary>The accounts the current user may see and change.</summary>
    public IQueryable<AppUser> Manageable()
    {
        if (me.IsAdministrator)
        {
            return db.Users;
        }

        if (me.IsDistrictStaff)
        {
            var stationIds = db.Stations.VisibleTo(me).Select(s => s.Id);
            return db.Users.Where(u =>
                db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == AppRoles.StationClerk)
                && db.UserStations.Any(s => s.UserId == u.Id)
                && db.UserStations.Where(s => s.UserId == u.Id).All(s => stationIds.Contains(s.StationId)));
        }

        return db.Users.Where(_ => false);
    }

    public async Task<IReadOnlyList<StationChoice>> StationChoicesAsync(CancellationToken ct)
    {
        var districts = await db.Areas.AsNoTracking().Where(a => a.Level == AreaLevel.District).Select(a => new { a.Code, a.Name }).ToListAsync(ct);
        var names = districts.ToDictionary(d => d.Code, d => d.Name);
        var stations = await db.Stations.VisibleTo(me).AsNoTracking()
            .OrderBy(s => s.AreaPath).ThenBy(s => s.Code)
            .Select(s => new { s.Id, s.Code, s.Name, s.AreaPath })
            .ToListAsync(ct);
        return stations.Select(s => new StationChoice(s.Id, s.Code, s.Name, Area.DistrictCodeOf(s.AreaPath) is { } c && names.TryGetValue(c, out var n) ? n : string.Empty)).ToList();
    }

    public async Task<IReadOnlyList<(string Code, string Name)>> DistrictChoicesAsync(CancellationToken ct) =>
        (await db.Areas.AsNoTracking().Where(a => a.Level == AreaLevel.District).OrderBy(a => a.Code).Select(a => new { a.Code, a.Name }).ToListAsync(ct))
            .Select(a => (a.Code, a.Name)).ToList();

    public async Task<IReadOnlyList<(int Id, string Name)>> DepartmentChoicesAsync(CancellationToken ct) =>
        (await db.Departments.AsNoTracking().Where(d => d.IsActive).OrderBy(d => d.Code).Select(d => new { d.Id, d.Name }).ToListAsync(ct))
            .Select(d => (d.Id, d.Name)).ToList();

    /// <summary>Checks the role is one the current user may give and resolves the scope the role needs; errors go to ModelState.</summary>
    public async Task<ScopeBinding?> ResolveAsync(UserInput input, ModelStateDictionary modelState, CancellationToken ct)
    {
        if (!AssignableRoles.Contains(input.Role))
        {
            modelState.AddModelError("Input.Role", l["User.RoleNotAllowed"]);
            return null;
        }

        switch (input.Role)
        {
            case AppRoles.DistrictStaff:
            {
                var district = await db.Areas.AsNoTracking().Where(a => a.Code == input.DistrictCode && a.Level == AreaLevel.District).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
                if (district is null)
                {
                    modelState.AddModelError("Input.DistrictCode", l["User.DistrictRequired"]);
                    return null;
                }

                return ScopeBinding.None with { DistrictAreaId = district };
            }

            case AppRoles.StationClerk:
            {
                var wanted = input.StationIds.Distinct().ToList();
                var found = await db.Stations.VisibleTo(me).Where(s => wanted.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
                if (wanted.Count == 0 || found.Count != wanted.Count)
                {
                    modelState.AddModelError("Input.StationIds", l["User.StationsRequired"]);
                    return null;
                }

                return ScopeBinding.None with { StationIds = found };
            }

            case AppRoles.Deputy:
            {
                var code = input.DeputyCode?.Trim();
                var deputy = await db.Deputies.AsNoTracking().Where(d => d.Code == code).Select(d => (int?)d.Id).FirstOrDefaultAsync(ct);
                if (deputy is null)
                {
                    modelState.AddModelError("Input.DeputyCode", l["User.DeputyNotFound"]);
                    return null;
                }

                return ScopeBinding.None with { DeputyId = deputy };
            }

            case AppRoles.DepartmentLiaison:
            {
                var department = await db.Departments.AsNoTracking().Where(d => d.Id == input.DepartmentId).Select(d => (int?)d.Id).FirstOrDefaultAsync(ct);
                if (department is null)
                {
                    modelState.AddModelError("Input.DepartmentId", l["User.DepartmentRequired"]);
                    return null;
                }

                return ScopeBinding.None with { DepartmentId = department };
            }

            default:
                return ScopeBinding.None;
        }
    }

    /// <summary>Binds the account to the scope, replacing any earlier binding.</summary>
    public async Task ApplyAsync(AppUser user, ScopeBinding scope, CancellationToken ct)
    {
        user.DistrictAreaId = scope.DistrictAreaId;
        user.DeputyId = scope.DeputyId;
        user.DepartmentId = scope.DepartmentId;
        var existing = await db.UserStations.Where(s => s.UserId == user.Id).ToListAsync(ct);
        db.UserStations.RemoveRange(existing.Where(s => !scope.StationIds.Contains(s.StationId)));
        foreach (var id in scope.StationIds.Where(id => existing.All(e => e.StationId != id)))
        {
            db.UserStations.Add(new UserStation { UserId = user.Id, StationId = id });
        }
    }

    /// <summary>Scope in words for lists and audit details, e.g. "230103" or "ST-RS, ST-NML".</summary>
    public async Task<string> DescribeAsync(AppUser user, CancellationToken ct)
    {
        var parts = new List<string>();
        if (user.DistrictAreaId is { } d)
        {
            parts.Add(await db.Areas.Where(a => a.Id == d).Select(a => a.Name).FirstOrDefaultAsync(ct) ?? d.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var stations = await db.UserStations.Where(s => s.UserId == user.Id).Join(db.Stations, s => s.StationId, s => s.Id, (_, s) => s.Code).ToListAsync(ct);
        parts.AddRange(stations);
        if (user.DeputyId is { } deputy)
        {
            parts.Add(await db.Deputies.Where(x => x.Id == deputy).Select(x => x.Code).FirstOrDefaultAsync(ct) ?? string.Empty);
        }

        if (user.DepartmentId is { } department)
        {
            parts.Add(await db.Departments.Where(x => x.Id == department).Select(x => x.Code).FirstOrDefaultAsync(ct) ?? string.Empty);
        }

        return string.Join(", ", parts);
    }
}
