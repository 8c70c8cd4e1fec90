using FluentValidation;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Caching;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Requests;

/// <summary>
/// One step on one request (assign, refer, reply, supervise, resolve, explain, close, reopen, withdraw,
/// convert, note). Out of scope → 404; a step the role may not take → 403; a step the workflow does not
/// allow now → a clear refusal and no change; someone else's change in between → a conflict message with
/// the user's input kept.
/// </summary>
public sealed class ActModel(
    AppDbContext db,
    CurrentUser me,
    ReferenceData reference,
    RequestHandling handling,
    Lookups lookups,
    IValidator<RequestStepInput> validator,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public RequestStepInput Input { get; set; } = new();

    public CitizenRequest Item { get; private set; } = null!;

    public RequestStep Step { get; private set; }

    /// <summary>Why the step cannot be taken now (state changed, rule); the form is not shown.</summary>
    public string? Refusal { get; private set; }

    public bool Conflict { get; private set; }

    public string StationName { get; private set; } = string.Empty;

    public IReadOnlyList<Lookups.Option> Deputies { get; private set; } = [];

    public IReadOnlyList<Lookups.Option> Departments { get; private set; } = [];

    /// <summary>The category the request is filed under now, in the reader's language.</summary>
    public string? CategoryName { get; private set; }

    /// <summary>ChangeCategory: the categories it can move to (not the one it has).</summary>
    public IReadOnlyList<Lookups.Option> Categories { get; private set; } = [];

    public IReadOnlyList<Lookups.Option> AssignedDeputies { get; private set; } = [];

    public string? CurrentDepartmentName { get; private set; }

    public DateOnly DefaultDueOn { get; private set; }

    /// <summary>A deputy converting a request leads the suggestion themselves; others choose among the assigned deputies.</summary>
    public bool ChoosesLead => !me.IsDeputy;

    public async Task<IActionResult> OnGetAsync(long id, string step, CancellationToken ct)
    {
        var found = await LoadAsync(id, step, tracked: false, ct);
        if (found is not null)
        {
            return found;
        }

        Input = new RequestStepInput
        {
            Step = Step,
            Version = Item.Version,
            DueOn = Step == RequestStep.Refer ? DefaultDueOn : null,
            LeadDeputyId = AssignedDeputies.Count == 1 ? AssignedDeputies[0].Id : null,
            Title = Step == RequestStep.ConvertToSuggestion ? TitleFrom(Item.Summary) : null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string step, CancellationToken ct)
    {
        var found = await LoadAsync(id, step, tracked: true, ct);
        if (found is not null)
        {
            return found;
        }

        Input.Step = Step;
        if (Input.Version != Item.Version)
        {
            // Someone changed it since the form was shown: say so first, even if the step is no longer possible.
            ShowConflict();
            return Page();
        }

        if (Refusal is not null)
        {
            return Page();
        }

        if (!ChoosesLead)
        {
            // A deputy converting a request leads the suggestion themself.
            Input.LeadDeputyId = me.DeputyId;
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
                Item = await db.CitizenRequests.AsNoTracking().FirstAsync(r => r.Id == id, ct);
                ShowConflict();
                return Page();
        }

        TempData["Flash"] = l["Step.Done", l.Enum(Step), Item.TrackingNumber].Value;
        return RedirectToPage("Details", new { id });
    }

    private async Task<IActionResult?> LoadAsync(long id, string step, bool tracked, CancellationToken ct)
    {
        if (!Enum.TryParse<RequestStep>(step, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(step, out _))
        {
            return NotFound();
        }

        Step = parsed;
        var query = db.CitizenRequests.VisibleTo(me, db.Stations);
        var request = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return NotFound();
        }

        if (!me.MayTake(Step, request.CurrentDepartmentId))
        {
            return Forbid();
        }

        Item = request;
        StationName = await db.Stations.Where(s => s.Id == request.StationId).Select(s => s.Name).FirstAsync(ct);
        if (!RequestSteps.IsAllowed(Step, request.Status, request.LatestEvaluation, request.ExtensionPending))
        {
            Refusal = Step == RequestStep.Reopen && RequestWorkflow.IsAllowed(request.Status, RequestStatus.Reopened)
                ? l["Rule.Request.ReopenRequiresUnsatisfied"]
                : l["Step.NotNow", l.Enum(Step), l.Enum(request.Status)];
            return null;
        }

        var categories = await reference.CategoriesAsync(ct);
        CategoryName = categories.FirstOrDefault(c => c.Id == request.CategoryId)?.Label;
        switch (Step)
        {
            case RequestStep.AssignDeputies:
                Deputies = await lookups.StationedDeputiesAsync(request.StationId, ct);
                break;
            case RequestStep.Refer:
                Departments = await lookups.ActiveDepartmentsAsync(ct);
                DefaultDueOn = await handling.DefaultDueOnAsync(ct);
                break;
            case RequestStep.ChangeCategory:
                Categories = categories.Where(c => c.Id != request.CategoryId)
                    .Select(c => new Lookups.Option(c.Id, c.Label)).ToList();
                break;
            case RequestStep.ConvertToSuggestion:
                AssignedDeputies = await lookups.DeputiesByIdAsync(request.Deputies.Select(d => d.DeputyId).ToList(), ct);
                break;
        }

        if (request.CurrentDepartmentId is { } dept)
        {
            CurrentDepartmentName = await db.Departments.Where(d => d.Id == dept).Select(d => d.Name).FirstOrDefaultAsync(ct);
        }

        return null;
    }

    /// <summary>Someone changed the request after this form was shown: say who and what, keep the input, and let the user decide.</summary>
    private void ShowConflict()
    {
        Conflict = true;
        var latest = Item.Events.OrderBy(e => e.At).ThenBy(e => e.Id).LastOrDefault();
        ModelState.AddModelError(string.Empty, l["Requests.Conflict", latest?.ActorName ?? "?", Fmt.DateTime(latest?.At ?? Item.UpdatedAt), l.Enum(Item.Status)]);
        ModelState.Remove("Input.Version");
        Input.Version = Item.Version;
        if (!RequestSteps.IsAllowed(Step, Item.Status, Item.LatestEvaluation, Item.ExtensionPending))
        {
            Refusal = l["Step.NotNow", l.Enum(Step), l.Enum(Item.Status)];
        }
    }

    private static string FieldOf(string rule) => rule switch
    {
        "Request.DueDateNotInFuture" => "Input.DueOn",
        "Request.DepartmentUnknown" => "Input.DepartmentId",
        "Request.DeputyNotStationed" or "Request.DeputiesAlreadyAssigned" or "Request.DeputyRequired" => "Input.DeputyIds",
        "Request.LeadMustBeAssigned" => "Input.LeadDeputyId",
        "Request.EvaluationUnknown" => "Input.Evaluation",
        "Request.ExtensionNotLater" => "Input.DueOn",
        "Request.CategoryUnchanged" or "Request.CategoryUnknown" => "Input.CategoryId",
        _ => string.Empty,
    };

    private static string TitleFrom(string summary)
    {
        var firstLine = summary.Split('\n', 2)[0].Trim();
        return firstLine.Length > 60 ? firstLine[..60] : firstLine;
    }
}
