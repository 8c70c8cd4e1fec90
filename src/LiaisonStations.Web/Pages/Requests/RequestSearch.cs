using LiaisonStations.Domain.Requests;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Requests;

/// <summary>The request list's search box.</summary>
public static class RequestSearch
{
    /// <summary>
    /// Substring search in the summary, fast at province scale: terms of three or more characters use the
    /// pg_trgm index; two-character terms (most Chinese words) the index of character pairs (migration 0003).
    /// A term that looks like a request number finds it by any part of it, in any case (its own trigram index,
    /// migration 0008). Those who see citizens' data as entered — the clerks of the station, the deputies
    /// assigned (the scope already limits the rows to theirs) — also find a request by the citizen's name or
    /// phone; everyone else sees those masked, so searching them would reveal what the mask hides.
    /// </summary>
    public static IQueryable<CitizenRequest> Matching(IQueryable<CitizenRequest> query, string q, bool byPersonalData)
    {
        var pattern = "%" + Like.Escape(q) + "%";
        if (q.Any(char.IsAsciiDigit) && q.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or ' ' or '+'))
        {
            var digits = new string(q.Where(char.IsAsciiDigit).ToArray());
            var phone = "%" + digits + "%";
            return byPersonalData && digits.Length >= 4 && q.All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '+')
                ? query.Where(r => EF.Functions.ILike(r.TrackingNumber, pattern, Like.EscapeCharacter) || EF.Functions.ILike(r.Summary, pattern, Like.EscapeCharacter)
                    || (r.CitizenPhone != null && EF.Functions.Like(r.CitizenPhone.Replace("-", string.Empty).Replace(" ", string.Empty), phone)))
                : query.Where(r => EF.Functions.ILike(r.TrackingNumber, pattern, Like.EscapeCharacter) || EF.Functions.ILike(r.Summary, pattern, Like.EscapeCharacter));
        }

        if (byPersonalData)
        {
            return q.Length == 2
                ? query.Where(r => (AppDbContext.SummaryHasPair(r.Summary, q) && EF.Functions.ILike(r.Summary, pattern, Like.EscapeCharacter)) || (r.CitizenName != null && EF.Functions.ILike(r.CitizenName, pattern, Like.EscapeCharacter)))
                : query.Where(r => EF.Functions.ILike(r.Summary, pattern, Like.EscapeCharacter) || (r.CitizenName != null && EF.Functions.ILike(r.CitizenName, pattern, Like.EscapeCharacter)));
        }

        if (q.Length == 2)
        {
            return query.Where(r => AppDbContext.SummaryHasPair(r.Summary, q) && EF.Functions.ILike(r.Summary, pattern, Like.EscapeCharacter));
        }

        return query.Where(r => EF.Functions.ILike(r.Summary, pattern, Like.EscapeCharacter));
    }
}
