using LiaisonStations.Domain.Common;

namespace LiaisonStations.Web.Infrastructure.Security;

/// <summary>How a citizen's name, phone and address may be shown to the current user.</summary>
public enum PersonalDataView
{
    /// <summary>Shown masked (张*, 138****5678), with no way to unmask.</summary>
    Masked = 1,

    /// <summary>Shown masked; the user may unmask it, and unmasking is audited.</summary>
    MaskedUnmaskable = 2,

    /// <summary>Shown as entered: the clerks of the request's station and its assigned deputies.</summary>
    Clear = 3,
}

/// <summary>
/// Personal Information Protection Law: a citizen's personal data is shown only to those who handle the
/// request. Everyone else sees it masked; staff with oversight may unmask it on purpose, which is logged.
/// A department sees the citizen only when the citizen consented to disclosure.
/// </summary>
public static class PersonalDataPolicy
{
    public static PersonalDataView ViewFor(CurrentUser user, int stationId, IEnumerable<int> assignedDeputyIds, bool disclosedToUsersDepartment)
    {
        if ((user.IsClerk && user.StationIds.Contains(stationId)) || (user.IsDeputy && assignedDeputyIds.Contains(user.DeputyId!.Value)))
        {
            return PersonalDataView.Clear;
        }

        if (user.IsDepartmentLiaison)
        {
            return disclosedToUsersDepartment ? PersonalDataView.Clear : PersonalDataView.Masked;
        }

        return user.SeesEverything || user.IsDistrictStaff ? PersonalDataView.MaskedUnmaskable : PersonalDataView.Masked;
    }

    public static string? Name(string? name, bool clear) => clear ? name : PersonalData.MaskName(name);

    public static string? Phone(string? phone, bool clear) => clear ? phone : PersonalData.MaskPhone(phone);

    public static string? Address(string? address, bool clear) => clear ? address : PersonalData.MaskAddress(address);
}
