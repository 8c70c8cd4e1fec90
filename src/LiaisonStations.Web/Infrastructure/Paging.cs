using Microsoft.AspNetCore.WebUtilities;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>A page of a list and the links to the others, keeping the list's filters in the query string.</summary>
public sealed class PagerModel(int page, int pageSize, int total, string path, IReadOnlyDictionary<string, string?> query)
{
    public int Page { get; } = page;

    public int PageSize { get; } = pageSize;

    public int Total { get; } = total;

    public int PageCount => (int)Math.Ceiling(Total / (double)PageSize);

    public string UrlFor(int page) => QueryHelpers.AddQueryString(path, query.Where(kv => kv.Key != "page" && !string.IsNullOrEmpty(kv.Value)).Append(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>First, last and the pages around the current one; null marks a gap.</summary>
    public IEnumerable<int?> VisiblePages()
    {
        int? previous = null;
        for (var p = 1; p <= PageCount; p++)
        {
            if (p == 1 || p == PageCount || Math.Abs(p - Page) <= 2)
            {
                if (previous is { } prev && p - prev > 1)
                {
                    yield return null;
                }

                yield return p;
                previous = p;
            }
        }
    }

    /// <summary>The requested page number brought into 1..last page of <paramref name="total"/> rows (bad input is not an error).</summary>
    public static int PageWithin(int? requested, int total, int pageSize)
    {
        var last = Math.Max(1, (int)Math.Ceiling(total / (double)pageSize));
        return requested is null or < 1 ? 1 : Math.Min(requested.Value, last);
    }
}

/// <summary>A sortable column header: clicking toggles the direction, keeping the filters.</summary>
public sealed class SortHeaderModel(string label, string key, string? currentSort, bool currentDescending, string path, IReadOnlyDictionary<string, string?> query)
{
    public string Label { get; } = label;

    public bool IsCurrent { get; } = string.Equals(key, currentSort, StringComparison.OrdinalIgnoreCase);

    public bool Descending { get; } = currentDescending;

    public string Url => QueryHelpers.AddQueryString(
        path,
        query.Where(kv => kv.Key is not ("sort" or "desc" or "page") && !string.IsNullOrEmpty(kv.Value))
            .Append(new("sort", key))
            .Append(new("desc", IsCurrent && !Descending ? "true" : "false")));
}

/// <summary>A filter set by a link rather than a form field: its query name and value, what it says, and the URL without it.</summary>
public sealed record ActiveFilter(string Name, string Value, string Text, string ClearUrl)
{
    public static string Without(string path, IReadOnlyDictionary<string, string?> query, params string[] names) =>
        QueryHelpers.AddQueryString(path, query.Where(kv => !names.Contains(kv.Key) && kv.Key != "page" && !string.IsNullOrEmpty(kv.Value)));
}
