using Microsoft.AspNetCore.Http;

namespace LiaisonStations.Web.Infrastructure.Caching;

/// <summary>Names of the output cache of the citizens' pages (see AppComposition and DataChanges).</summary>
public static class PublicPages
{
    public const string CachePolicy = "PublicPages";

    public const string CacheTag = "public";

    /// <summary>Responses that may be compressed: the public pages and static files, which carry no secret.</summary>
    public static bool MayCompress(PathString path) =>
        path.StartsWithSegments("/public", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/lib", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/css", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/js", StringComparison.OrdinalIgnoreCase);
}
