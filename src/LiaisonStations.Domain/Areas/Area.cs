using LiaisonStations.Domain.Common;

namespace LiaisonStations.Domain.Areas;

/// <summary>行政区划 level. Counties and county-level cities count as District, townships as Street, villages as Community.</summary>
public enum AreaLevel
{
    Province = 1,
    City = 2,
    District = 3,
    Street = 4,
    Community = 5,
}

/// <summary>
/// A node of the administrative tree. <see cref="Path"/> holds the codes from the root down to this node,
/// separated by dots, so "everything under Nangang" is a prefix match that an index answers.
/// </summary>
public sealed class Area
{
    public const int MaxNameLength = 60;

    private Area()
    {
        Code = string.Empty;
        Name = string.Empty;
        Path = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>Official administrative code (GB/T 2260 for provinces, cities and districts).</summary>
    public string Code { get; private set; }

    public string Name { get; private set; }

    /// <summary>Short letters used in human-readable numbers, e.g. NG for 南岗区.</summary>
    public string? Abbreviation { get; private set; }

    public AreaLevel Level { get; private set; }

    public int? ParentId { get; private set; }

    public string Path { get; private set; }

    public static Area Create(string code, string name, AreaLevel level, Area? parent, string? abbreviation = null)
    {
        var c = Check.Text(code, 20, "Area.CodeRequired");
        Check.That(c.All(ch => char.IsAsciiLetterOrDigit(ch)), "Area.CodeInvalid", c);
        var area = new Area
        {
            Code = c,
            Name = Check.Text(name, MaxNameLength, "Area.NameRequired"),
            Level = level,
            Abbreviation = Check.OptionalText(abbreviation, 8),
        };
        area.PlaceUnder(parent);
        return area;
    }

    public void Rename(string name, string? abbreviation)
    {
        Name = Check.Text(name, MaxNameLength, "Area.NameRequired");
        Abbreviation = Check.OptionalText(abbreviation, 8);
    }

    /// <summary>Moves the node under another parent. Descendants' paths must be rewritten by the caller.</summary>
    public void PlaceUnder(Area? parent)
    {
        if (parent is null)
        {
            Check.That(Level == AreaLevel.Province || Level == AreaLevel.City, "Area.ParentRequired", Code);
            ParentId = null;
            Path = Code;
            return;
        }

        Check.That(parent.Level < Level, "Area.ParentLevelMustBeHigher", parent.Code, Code);
        ParentId = parent.Id == 0 ? null : parent.Id;
        Parent = parent;
        Path = parent.Path + "." + Code;
    }

    /// <summary>Set only while building a tree in memory (seeding, import) before ids exist.</summary>
    public Area? Parent { get; private set; }

    /// <summary>The district-level code in a path (province.city.district…), or null above district level.</summary>
    public static string? DistrictCodeOf(string path)
    {
        var parts = path.Split('.');
        return parts.Length >= 3 ? parts[2] : null;
    }

    public bool Contains(Area other) => other.Path == Path || other.Path.StartsWith(Path + ".", StringComparison.Ordinal);
}
