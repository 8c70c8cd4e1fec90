using System.Text.RegularExpressions;

namespace LiaisonStations.Domain.Common;

/// <summary>Masks citizens' personal data for people outside the station and the assigned deputies.</summary>
public static partial class PersonalData
{
    /// <summary>
    /// A text for publication without the person in it: the citizen's own name (as given) masked wherever it
    /// appears, and every telephone number, identity-card number, long number and e-mail address replaced by ***.
    /// Short numbers (a house number, 3单元502室) stay: they say little without a name.
    /// </summary>
    public static string Anonymise(string text, params string?[] names)
    {
        var result = Contact().Replace(text, m => IsoDate().IsMatch(m.Value) ? m.Value : "***");
        foreach (var name in names.Where(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length >= 2).Select(n => n!.Trim()).Distinct())
        {
            result = result.Replace(name, MaskName(name), StringComparison.Ordinal);
        }

        return result;
    }

    // E-mail addresses; numbers of seven digits or more, with separators (phones, landlines, ID cards ending in X).
    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|(?:\+?[0-9][\s-]?){6,}[0-9][Xx]?")]
    private static partial Regex Contact();

    // A date such as 2026-11-25 is no contact.
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$")]
    private static partial Regex IsoDate();

    /// <summary>138****5678: keeps the first three and the last four digits of a mobile number.</summary>
    public static string? MaskPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return phone;
        }

        var p = phone.Trim();
        if (p.Length >= 8)
        {
            return string.Concat(p.AsSpan(0, 3), new string('*', p.Length - 7), p.AsSpan(p.Length - 4));
        }

        return p.Length <= 2 ? new string('*', p.Length) : string.Concat(p.AsSpan(0, 1), new string('*', p.Length - 1));
    }

    /// <summary>张* / 欧阳** : the family name (first character) stays, the rest is hidden.</summary>
    public static string? MaskName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return name;
        }

        var n = name.Trim();
        var elements = System.Globalization.StringInfo.ParseCombiningCharacters(n);
        if (elements.Length <= 1)
        {
            return "*";
        }

        var first = System.Globalization.StringInfo.GetNextTextElement(n, 0);
        return first + new string('*', elements.Length - 1);
    }

    /// <summary>Keeps the district-level part of an address, hides the rest.</summary>
    public static string? MaskAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return address;
        }

        var a = address.Trim();
        var keep = Math.Min(6, a.Length / 2);
        return string.Concat(a.AsSpan(0, keep), "****");
    }
}
