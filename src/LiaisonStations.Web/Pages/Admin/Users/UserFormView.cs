namespace LiaisonStations.Web.Pages.Admin.Users;

/// <summary>What the role and scope fields of the account forms need.</summary>
public sealed record UserFormView(
    UserInput Input,
    IReadOnlyList<string> Roles,
    IReadOnlyList<(string Code, string Name)> Districts,
    IReadOnlyList<StationChoice> Stations,
    IReadOnlyList<(int Id, string Name)> Departments)
{
    public static async Task<UserFormView> LoadAsync(UserInput input, UserAdministration admin, CancellationToken ct) =>
        new(input, admin.AssignableRoles, await admin.DistrictChoicesAsync(ct), await admin.StationChoicesAsync(ct), await admin.DepartmentChoicesAsync(ct));
}
