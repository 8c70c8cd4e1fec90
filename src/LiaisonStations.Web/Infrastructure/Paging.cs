using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

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

    /// <summary>
    /// The pager's markup (written here, not as a partial view: a partial costs a view lookup and activation on every
    /// list page). Links keep the list's filters; the summary line says how many rows and which page.
    /// </summary>
    public IHtmlContent Render(IStringLocalizer l)
    {
        var html = new StringBuilder();
        if (PageCount > 1)
        {
            html.Append(CultureInfo.InvariantCulture, $"<nav aria-label=\"{E(l["Pager.Label"])}\" class=\"d-print-none\"><ul class=\"pagination pagination-sm flex-wrap\">");
            html.Append(CultureInfo.InvariantCulture, $"<li class=\"page-item{(Page <= 1 ? " disabled" : null)}\"><a class=\"page-link\" href=\"{E(UrlFor(Page - 1))}\" aria-label=\"{E(l["Pager.Previous"])}\">&laquo;</a></li>");
            foreach (var p in VisiblePages())
            {
                html.Append(p is { } n
                    ? string.Create(CultureInfo.InvariantCulture, $"<li class=\"page-item{(n == Page ? " active" : null)}\"><a class=\"page-link\" href=\"{E(UrlFor(n))}\"{(n == Page ? " aria-current=\"page\"" : null)}>{n}</a></li>")
                    : "<li class=\"page-item disabled\"><span class=\"page-link\">…</span></li>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<li class=\"page-item{(Page >= PageCount ? " disabled" : null)}\"><a class=\"page-link\" href=\"{E(UrlFor(Page + 1))}\" aria-label=\"{E(l["Pager.Next"])}\">&raquo;</a></li></ul></nav>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p class=\"text-muted small\">{E(string.Format(CultureInfo.CurrentCulture, l["Pager.Summary"], Fmt.Number(Total), Page, Math.Max(1, PageCount)))}</p>");
        return new HtmlString(html.ToString());
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

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

    /// <summary>The header cell's markup (not a partial view, for the same reason as the pager's).</summary>
    public IHtmlContent Render()
    {
        var sort = IsCurrent ? (Descending ? "descending" : "ascending") : "none";
        var caret = IsCurrent ? $" <i class=\"bi {(Descending ? "bi-caret-down-fill" : "bi-caret-up-fill")}\" aria-hidden=\"true\"></i>" : null;
        return new HtmlString($"<th scope=\"col\" aria-sort=\"{sort}\"><a href=\"{WebUtility.HtmlEncode(Url)}\" class=\"link-body-emphasis text-decoration-none\">{WebUtility.HtmlEncode(Label)}{caret}</a></th>");
    }
}

/// <summary>A filter set by a link rather than a form field: its query name and value, what it says, and the URL without it.</summary>
public sealed record ActiveFilter(string Name, string Value, string Text, string ClearUrl)
{
    public static string Without(string path, IReadOnlyDictionary<string, string?> query, params string[] names) =>
        QueryHelpers.AddQueryString(path, query.Where(kv => !names.Contains(kv.Key) && kv.Key != "page" && !string.IsNullOrEmpty(kv.Value)));
}
