using System.Net;
using LiaisonStations.Domain.Calendar;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// Small markup shown in every row of a list, written here rather than as partial views: a partial per row costs
/// a view lookup and a view-data copy each time, which a 25-row page pays 25 times.
/// </summary>
public static class Badges
{
    /// <summary>The due date coloured by how close it is (overdue, due soon, on time), or nothing without a due date.</summary>
    public static IHtmlContent Due(IStringLocalizer l, DateOnly? dueOn, DueState state)
    {
        if (dueOn is not { } due)
        {
            return HtmlString.Empty;
        }

        var css = state switch { DueState.Overdue => "text-bg-danger", DueState.DueSoon => "text-bg-warning", DueState.OnTime => "text-bg-success", _ => "text-bg-light" };
        var label = state == DueState.None ? string.Empty : $"<span class=\"ms-1\">{WebUtility.HtmlEncode(l.Enum(state))}</span>";
        return new HtmlString($"<span class=\"badge {css}\" data-due=\"{state}\">{WebUtility.HtmlEncode(Fmt.Date(due))}{label}</span>");
    }
}
