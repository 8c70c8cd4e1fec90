using System.Text.RegularExpressions;

namespace LiaisonStations.Domain.Common;

/// <summary>
/// Telephone numbers as people in mainland China write them: a mobile number (11 digits from 13x–19x, with or
/// without +86 and separators), a landline with its area code (0451-5550000, (010)12345678, +86 451 5550000,
/// an extension after - or 转), or a 400/800 service number. Short numbers (12345, 110) are nobody's contact.
/// </summary>
public static partial class PhoneNumber
{
    public static bool IsValid(string? text) =>
        text is { Length: > 0 and <= 30 } && (Mobile().IsMatch(text.Trim()) || Landline().IsMatch(text.Trim()) || Service().IsMatch(text.Trim()));

    /// <summary>A mainland mobile number (13x–19x), with or without +86 and separators.</summary>
    public static bool IsMobile(string? text) => text is { Length: > 0 and <= 30 } && Mobile().IsMatch(text.Trim());

    /// <summary>The eleven digits of a mobile number (without +86 and separators), or null when it is none.</summary>
    public static string? NormalizeMobile(string? text)
    {
        if (!IsMobile(text))
        {
            return null;
        }

        var digits = new string(text!.Where(char.IsAsciiDigit).ToArray());
        return digits[^11..];
    }

    [GeneratedRegex(@"^(?:(?:\+|00)?86[\s-]?)?1[3-9][0-9](?:[\s-]?[0-9]{4}){2}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^(?:(?:\(0[0-9]{2,3}\)|0[0-9]{2,3})|(?:\+|00)86[\s-]?[0-9]{2,3})[\s-]?[0-9]{3,4}[\s-]?[0-9]{4}(?:(?:-|转|ext\.?\s?)[0-9]{1,6})?$", RegexOptions.IgnoreCase)]
    private static partial Regex Landline();

    [GeneratedRegex(@"^[48]00[\s-]?[0-9]{3}[\s-]?[0-9]{4}$")]
    private static partial Regex Service();
}
