using FluentValidation;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Suggestions;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Suggestions;

/// <summary>A deputy drafts a suggestion they will lead; co-signers are invited from the draft's page.</summary>
public sealed class CreateModel(AppDbContext db, CurrentUser me, IValidator<SuggestionStepInput> validator, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public SuggestionStepInput Input { get; set; } = new() { Occasion = SuggestionOccasion.BetweenSessions };

    public IActionResult OnGet() => me.CanDraftSuggestions() ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!me.CanDraftSuggestions())
        {
            return Forbid();
        }

        Input.Step = SuggestionStep.Edit;
        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), ct))
        {
            return Page();
        }

        Suggestion draft;
        try
        {
            draft = Suggestion.Draft(me.DeputyId!.Value, Input.Title!.Trim(), Input.Body!.Trim(), Input.Category?.Trim(), Input.Occasion!.Value, Input.SessionName?.Trim(), me.Actor, clock.GetUtcNow());
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(string.Empty, l.Rule(e));
            return Page();
        }

        db.Suggestions.Add(draft);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Suggestions.Drafted"].Value;
        return RedirectToPage("Details", new { id = draft.Id });
    }
}
