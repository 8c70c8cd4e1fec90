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
    /// <summary>What became of an edit: saved, refused by a rule (already in ModelState), or changed by someone else meanwhile.</summary>
    public enum Outcome
    {
        Saved,
        Refused,
        Conflict,
    }

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
        var current = db.Entry(entity).Property<uint>("Version").CurrentValue;
        var outcome = await page.TryEditAsync(
            db,
            entity,
            shownVersion,
            async () =>
            {
                change(entity);
                await db.SaveChangesAsync(ct);
            },
            l,
            fieldOf);
        if (outcome == Outcome.Conflict)
        {
            page.ModelState.AddModelError(string.Empty, l["Common.ConflictReload"]);
            page.ModelState.Remove(versionField);
            if (current != shownVersion)
            {
                onConflict?.Invoke(current);
            }
        }

        return outcome == Outcome.Saved;
    }

    /// <summary>
    /// The core of every edit: refuses at once when the entity is no longer the version shown, otherwise applies and
    /// saves (<paramref name="applyAndSave"/>, e.g. a workflow step that saves itself) with that version as the
    /// concurrency token. A refused rule goes into ModelState; a conflict is left to the caller to explain (the work
    /// pages say who changed what), with the context's tracked entities cleared so it can read the current row.
    /// </summary>
    public static async Task<Outcome> TryEditAsync<TEntity>(
        this PageModel page,
        AppDbContext db,
        TEntity entity,
        uint shownVersion,
        Func<Task> applyAndSave,
        IStringLocalizer l,
        Func<string, string?>? fieldOf = null,
        string? duplicateMessage = null)
        where TEntity : class
    {
        var version = db.Entry(entity).Property<uint>("Version");
        if (version.CurrentValue != shownVersion)
        {
            return Outcome.Conflict;
        }

        version.OriginalValue = shownVersion;
        try
        {
            await applyAndSave();
            return Outcome.Saved;
        }
        catch (DomainRuleException e)
        {
            page.ModelState.AddModelError(fieldOf?.Invoke(e.Rule) ?? string.Empty, l.Rule(e));
            return Outcome.Refused;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict;
        }
        catch (DbUpdateException e) when (duplicateMessage is not null && e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // A unique rule another user's simultaneous change won (e.g. one chief per station).
            page.ModelState.AddModelError(string.Empty, duplicateMessage);
            db.ChangeTracker.Clear();
            return Outcome.Refused;
        }
    }

    /// <summary>The first message a refused edit put into ModelState, for pages that answer with a flash and a redirect.</summary>
    public static string FirstError(this PageModel page) =>
        page.ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault() ?? string.Empty;

    /// <summary>
    /// Creates and saves a new record: <paramref name="create"/> calls the domain's factory and adds the result to the
    /// context. A refused rule goes into ModelState and null is returned; a duplicate of a unique key is reported under
    /// <paramref name="duplicateField"/> with <paramref name="duplicateMessage"/> when given.
    /// </summary>
    public static async Task<TEntity?> SaveNewAsync<TEntity>(
        this PageModel page,
        AppDbContext db,
        Func<TEntity> create,
        IStringLocalizer l,
        CancellationToken ct,
        Func<string, string?>? fieldOf = null,
        string? duplicateField = null,
        string? duplicateMessage = null)
        where TEntity : class
    {
        try
        {
            var entity = create();
            await db.SaveChangesAsync(ct);
            return entity;
        }
        catch (DomainRuleException e)
        {
            page.ModelState.AddModelError(fieldOf?.Invoke(e.Rule) ?? string.Empty, l.Rule(e));
        }
        catch (DbUpdateException e) when (duplicateField is not null && e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            page.ModelState.AddModelError(duplicateField, duplicateMessage ?? l["Common.ConflictReload"]);
        }

        db.ChangeTracker.Clear();
        return null;
    }
}
