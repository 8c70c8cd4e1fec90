namespace LiaisonStations.Web.Infrastructure;

/// <summary>Escapes user text for LIKE/ILIKE patterns so % and _ typed by a user match literally.</summary>
public static class Like
{
    public const string EscapeCharacter = "\\";

    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
