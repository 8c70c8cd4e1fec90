using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace LiaisonStations.Web.Infrastructure.Caching;

/// <summary>
/// The total of a list page ("共 1,234 条"), counted once per user and filter and reused while they page and sort
/// through it for up to <see cref="Lifetime"/>: counting the whole filtered set was half of a list page's work in
/// the database. Kept per user (never shared across scopes) and dropped at once by any business change committed on
/// this instance (<see cref="ReferenceData.Generation"/>), so a clerk's own registration is counted on their next
/// page; a change on another instance is counted within the lifetime.
/// </summary>
public sealed class ListTotals(IMemoryCache memory, ReferenceData reference, CurrentUser me, IHttpContextAccessor http)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>Query-string keys that change the order or the page shown, not the rows counted.</summary>
    private static readonly HashSet<string> NotFilters = new(StringComparer.OrdinalIgnoreCase) { "page", "sort", "desc", "handler", "culture", "ui-culture" };

    public async Task<int> CountAsync<T>(string list, IQueryable<T> query, CancellationToken ct)
    {
        var filters = http.HttpContext?.Request.Query
            .Where(q => !NotFilters.Contains(q.Key))
            .OrderBy(q => q.Key, StringComparer.OrdinalIgnoreCase)
            .Select(q => q.Key.ToLowerInvariant() + "=" + q.Value.ToString());
        var key = ("total", list, me.UserId ?? "-", string.Join("&", filters ?? []), reference.Generation);
        if (memory.TryGetValue(key, out int total))
        {
            return total;
        }

        total = await query.CountAsync(ct);
        memory.Set(key, total, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return total;
    }
}
