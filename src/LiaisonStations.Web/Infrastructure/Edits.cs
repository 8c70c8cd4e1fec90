using LiaisonStations.Domain.Common;
using LiaisonStations.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// One way to save an edit of a tracked aggregate: the row version the form was shown with, the domain verb, the save.
/// A rule the verb refuses goes into ModelState under its field (or the form's summary); a change by someone else since
/// the form was shown ("changed meanwhile") goes into the summary, and the form is shown again with the input kept.
/// </summary>
public static class Edits
{
    /// <param name="shownVersion">The entity's <c>Version</c> when the form was shown (a hidden field).</param>
    /// <param name="change">The domain verb(s) to apply; may throw <see cref="DomainRuleException"/>.</param>
    /// <param name="fieldOf">The form field a rule belongs to, or null for the form's summary.</param>
    /// <param name="versionField">The hidden field's model key, cleared on a conflict so the form shows the current version.</param>
    /// <param name="onConflict">Given the version now in the database when it is known, e.g. to show it in the hidden field.</param>
    public static async Task<bool> SaveEditAsync<TEntity>(
        this PageModel page,
        AppDbContext db,
        TEntity entity,
        uint shownVersion,
        Action<TEntity> change,
        IStringLocalizer l,
        CancellationToken ct,
        Func<string, string?>? fieldOf = null,
        string versionField = "Input.Version",
        Action<uint>? onConflict = null)
        where TEntity : class
    {
        var version = db.Entry(entity).Property<uint>("Version");
        if (version.CurrentValue != shownVersion)
        {
            return Conflict(version.CurrentValue);
        }

        version.OriginalValue = shownVersion;
        try
        {
            change(entity);
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DomainRuleException e)
        {
            page.ModelState.AddModelError(fieldOf?.Invoke(e.Rule) ?? string.Empty, l.Rule(e));
            return false;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict(null);
        }

        bool Conflict(uint? current)
        {
            page.ModelState.AddModelError(string.Empty, l["Common.ConflictReload"]);
            page.ModelState.Remove(versionField);
            if (current is { } now)
            {
                onConflict?.Invoke(now);
            }

            return false;
        }
    }
}
