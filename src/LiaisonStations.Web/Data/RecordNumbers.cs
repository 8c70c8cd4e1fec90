using System.Security.Cryptography;

namespace LiaisonStations.Web.Data;

/// <summary>Human-readable numbers for requests and suggestions, and unguessable tracking codes for citizens.</summary>
public static class RecordNumbers
{
    // No 0/O, 1/I/L: citizens read these codes aloud over the phone.
    private const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string RequestScope(int year, string district) => $"request:{year}:{district}";

    public static string Request(int year, string district, int sequence) => $"{year}-{district}-{sequence:000000}";

    public static string SuggestionScope(int year) => $"suggestion:{year}";

    public static string Suggestion(int year, int sequence) => $"{year}-JY-{sequence:0000}";

    /// <summary>16 characters from a 31-letter alphabet: about 79 bits, not guessable by trying.</summary>
    public static string NewTrackingCode() => RandomNumberGenerator.GetString(CodeAlphabet, 16);

    /// <summary>Same shape from a seeded generator, for reproducible demo and scale data.</summary>
    public static string TrackingCode(Random random)
    {
        Span<char> chars = stackalloc char[16];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = CodeAlphabet[random.Next(CodeAlphabet.Length)];
        }

        return new string(chars);
    }
}
