namespace LiaisonStations.Web.Infrastructure.Caching;

/// <summary>Names of the output cache of the citizens' pages (see AppComposition and DataChanges).</summary>
public static class PublicPages
{
    public const string CachePolicy = "PublicPages";

    public const string CacheTag = "public";
}
