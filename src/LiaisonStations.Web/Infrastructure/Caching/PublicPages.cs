using Microsoft.AspNetCore.Http;

namespace LiaisonStations.Web.Infrastructure.Caching;

/// <summary>Names of the output cache of the citizens' pages (see AppComposition and DataChanges).</summary>
public static class PublicPages
{
    public const string CachePolicy = "PublicPages";

    public const string CacheTag = "public";

    /// <summary>
    /// Responses that may be compressed: the public pages and static files, which carry no secret — except the
    /// citizens' forms, which carry a form token and echo what was typed (BREACH).
    /// </summary>
    public static bool MayCompress(PathString path) =>
        (path.StartsWithSegments("/public", StringComparison.OrdinalIgnoreCase) && !IsForm(path))
        || path.StartsWithSegments("/lib", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/css", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/js", StringComparison.OrdinalIgnoreCase);

    private static bool IsForm(PathString path) =>
        path.StartsWithSegments("/public/submit", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/public/submitted", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/public/track", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/public/days", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/public/booked", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/public/appointments", StringComparison.OrdinalIgnoreCase);
}
