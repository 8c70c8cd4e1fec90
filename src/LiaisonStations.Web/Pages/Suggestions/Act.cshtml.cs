using FluentValidation;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Suggestions;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Suggestions;

/// <summary>
/// One step on one suggestion (DESIGN §3.2). Out of scope → 404; a step the role may not take → 403; a step
/// the workflow does not allow now → a clear refusal and no change; a change by someone else in between →
/// a conflict message with the input kept.
/// </summary>
public sealed class ActModel(
    AppDbContext db,
    CurrentUser me,
    SuggestionHandling handling,
    Lookups lookups,
    IValidator<SuggestionStepInput> validator,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public SuggestionStepInput Input { get; set; } = new();

    public Suggestion Item { get; private set; } = null!;

    public SuggestionStep Step { get; private set; }

    public string? Refusal { get; private set; }

    public IReadOnlyList<Lookups.Option> Departments { get; private set; } = [];

    public IReadOnlyDictionary<int, string> DeputyNames { get; private set; } = new Dictionary<int, string>();

    public IReadOnlyDictionary<int, string> DepartmentNames { get; private set; } = new Dictionary<int, string>();

    /// <summary>City staff record a reply on behalf of one of the handling departments.</summary>
    public bool ChoosesReplyingDepartment => !me.IsDepartmentLiaison;

    /// <summary>The department replying is the lead unit (its reply carries the category).</summary>
    public bool RepliesAsLead => me.IsDepartmentLiaison && Item.LeadDepartmentId == me.DepartmentId;

    public async Task<IActionResult> OnGetAsync(long id, string step, CancellationToken ct)
    {
        if (await LoadAsync(id, step, tracked: false, ct) is { } result)
        {
            return result;
        }

        var s = Item;
        Input = new SuggestionStepInput
        {
            Step = Step,
            Version = s.Version,
            Title = s.Title,
            Body = s.Body,
            Category = s.Category,
            Occasion = s.Occasion,
            SessionName = s.SessionName,
            DueOn = Step is SuggestionStep.Assign or SuggestionStep.Rehandle ? Suggestion.DefaultDueOn(handling.Today) : null,
            On = Step switch
            {
                SuggestionStep.KeySupervision => !s.KeySupervision,
                SuggestionStep.ThirdPartyEvaluation => !s.ThirdPartyEvaluation,
                _ => false,
            },
            LeadSupervisor = s.LeadSupervisor,
            DepartmentId = s.LeadDepartmentId,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string step, CancellationToken ct)
    {
        if (await LoadAsync(id, step, tracked: true, ct) is { } result)
        {
            return result;
        }

        Input.Step = Step;
        if (Input.Version != Item.Version)
        {
            // Someone changed it since the form was shown: say so first, even if the step is no longer possible.
            return Conflict();
        }

        if (Refusal is not null)
        {
            return Page();
        }

        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), ct))
        {
            return Page();
        }

        switch (await this.TryEditAsync(db, Item, Input.Version, () => handling.TakeAsync(Item, Input, ct), l, FieldOf))
        {
            case Edits.Outcome.Refused:
                return Page();
            case Edits.Outcome.Conflict:
                Item = await db.Suggestions.AsNoTracking().FirstAsync(s => s.Id == id, ct);
                return Conflict();
        }

        TempData["Flash"] = l["Step.Done", l.Enum(Step), Item.Number ?? Item.Title].Value;
        return RedirectToPage("Details", new { id });
    }

    private PageResult Conflict()
    {
        var latest = Item.Events.OrderBy(e => e.At).ThenBy(e => e.Id).LastOrDefault();
        ModelState.AddModelError(string.Empty, l["Suggestions.Conflict", latest?.ActorName ?? "?", Fmt.DateTime(latest?.At ?? Item.UpdatedAt), l.Enum(Item.Status)]);
        ModelState.Remove("Input.Version");
        Input.Version = Item.Version;
        if (!SuggestionSteps.IsAllowed(Step, Item))
        {
            Refusal = l["Step.NotNow", l.Enum(Step), l.Enum(Item.Status)];
        }

        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, string step, bool tracked, CancellationToken ct)
    {
        if (!Enum.TryParse<SuggestionStep>(step, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(step, out _))
        {
            return NotFound();
        }

        Step = parsed;
        var query = db.Suggestions.VisibleTo(me);
        var suggestion = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (suggestion is null)
        {
            return NotFound();
        }

        if (!me.MayTake(Step, suggestion) && !(Step == SuggestionStep.ConfirmCoSignature && me.IsDeputy && suggestion.IsSignedBy(me.DeputyId!.Value)))
        {
            return Forbid();
        }

        Item = suggestion;
        if (!SuggestionSteps.IsAllowed(Step, suggestion))
        {
            Refusal = l["Step.NotNow", l.Enum(Step), l.Enum(suggestion.Status)];
        }

        var deputyIds = suggestion.CoSigners.Select(c => c.DeputyId).Append(suggestion.LeadDeputyId).ToList();
        DeputyNames = await db.Deputies.AsNoTracking().Where(d => deputyIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var unitIds = suggestion.HandlingUnits.Select(u => u.DepartmentId).ToList();
        DepartmentNames = await db.Departments.AsNoTracking().Where(d => unitIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        if (Step == SuggestionStep.Assign)
        {
            Departments = await lookups.ActiveDepartmentsAsync(ct);
        }

        return null;
    }

    private static string FieldOf(string rule) => rule switch
    {
        "Suggestion.DueDateNotInFuture" => "Input.DueOn",
        "Suggestion.CoSignerUnknown" or "Suggestion.LeadCannotCoSign" or "Suggestion.AlreadyCoSigner" => "Input.DeputyCode",
        "Suggestion.LeadAlsoCoHandling" => "Input.CoHandlingDepartmentIds",
        "Suggestion.RequestUnknown" => "Input.RequestNumber",
        "Suggestion.ReplyCategoryRequired" => "Input.ReplyCategory",
        "Suggestion.LeadSupervisorRequired" => "Input.LeadSupervisor",
        "Suggestion.UnsatisfiedNeedsReason" => "Input.Note",
        _ => string.Empty,
    };
}
