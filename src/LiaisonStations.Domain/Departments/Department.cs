using LiaisonStations.Domain.Common;

namespace LiaisonStations.Domain.Departments;

/// <summary>承办单位: a government body that handles referred requests and suggestions.</summary>
public sealed class Department
{
    private Department()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    public int Id { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    /// <summary>The city or district whose government the department belongs to.</summary>
    public int AreaId { get; private set; }

    public string? ContactPerson { get; private set; }

    public string? ContactPhone { get; private set; }

    public bool IsActive { get; private set; }

    public uint Version { get; private set; }

    public static Department Create(string code, string name, int areaId, string? contactPerson, string? contactPhone)
    {
        var c = Check.Text(code, 32, "Department.CodeRequired");
        Check.That(c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'), "Department.CodeInvalid", c);
        var d = new Department { Code = c, IsActive = true };
        d.Update(name, areaId, contactPerson, contactPhone);
        return d;
    }

    public void Update(string name, int areaId, string? contactPerson, string? contactPhone)
    {
        Name = Check.Text(name, 100, "Department.NameRequired");
        AreaId = areaId;
        ContactPerson = Check.OptionalText(contactPerson, 50);
        ContactPhone = Check.OptionalText(contactPhone, 30);
    }

    /// <summary>The edit form's whole change: details, and whether referrals may still be sent to the department.</summary>
    public void Update(string name, int areaId, string? contactPerson, string? contactPhone, bool isActive)
    {
        Update(name, areaId, contactPerson, contactPhone);
        IsActive = isActive;
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;
}
