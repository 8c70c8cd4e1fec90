using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Requests;

/// <summary>What a person enters to take one step on a request; which fields count depends on the step.</summary>
public sealed class RequestStepInput
{
    /// <summary>Set by the page from the route, not bound from the form.</summary>
    [BindNever]
    public RequestStep Step { get; set; }

    [Display(Name = "Step.Note")]
    public string? Note { get; set; }

    [Display(Name = "Step.Deputies")]
    public List<int> DeputyIds { get; set; } = [];

    [Display(Name = "Referral.Department")]
    public int? DepartmentId { get; set; }

    [Display(Name = "Request.DueOn")]
    public DateOnly? DueOn { get; set; }

    /// <summary>ChangeCategory: the category the request belongs under.</summary>
    [Display(Name = "Request.Category")]
    public int? CategoryId { get; set; }

    [Display(Name = "Step.Evaluation")]
    public Evaluation? Evaluation { get; set; }

    [Display(Name = "Step.SuggestionTitle")]
    public string? Title { get; set; }

    [Display(Name = "Step.LeadDeputy")]
    public int? LeadDeputyId { get; set; }

    /// <summary>DecideExtension: true grants the date asked for, false refuses it.</summary>
    [Display(Name = "Step.ExtensionDecision")]
    public bool? Grant { get; set; }

    /// <summary>Withdraw of an online submission: it is spam, and no figure counts it (the reason may then stay empty).</summary>
    [Display(Name = "Step.Spam")]
    public bool Spam { get; set; }

    /// <summary>The request's row version when the form was shown; a later change by someone else is detected with it.</summary>
    public uint Version { get; set; }

    /// <summary>Steps whose note is what the step says (answer, reply, reason) rather than an optional remark.</summary>
    public static bool NoteRequired(RequestStep step) => step is RequestStep.AnswerOnSite or RequestStep.RecordReply
        or RequestStep.Supervise or RequestStep.Explain or RequestStep.Reopen or RequestStep.Withdraw or RequestStep.AddNote
        or RequestStep.SendBack or RequestStep.RequestExtension;

    public static int NoteLimit(RequestStep step) => step is RequestStep.AnswerOnSite or RequestStep.RecordReply ? CitizenRequest.AnswerMaxLength : CitizenRequest.NoteMaxLength;
}

public sealed class RequestStepInputValidator : AbstractValidator<RequestStepInput>
{
    public RequestStepInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.Note).NotEmpty().When(x => RequestStepInput.NoteRequired(x.Step) && !(x.Step == RequestStep.Withdraw && x.Spam));
        RuleFor(x => x.Note).MaximumLength(CitizenRequest.AnswerMaxLength).When(x => RequestStepInput.NoteLimit(x.Step) == CitizenRequest.AnswerMaxLength);
        RuleFor(x => x.Note).MaximumLength(CitizenRequest.NoteMaxLength).When(x => RequestStepInput.NoteLimit(x.Step) == CitizenRequest.NoteMaxLength);
        RuleFor(x => x.CategoryId).NotNull().When(x => x.Step == RequestStep.ChangeCategory);
        RuleFor(x => x.DeputyIds).NotEmpty().WithMessage(_ => l["Validation.ChooseAtLeastOne"]).When(x => x.Step == RequestStep.AssignDeputies);
        RuleFor(x => x.DeputyIds.Count).LessThanOrEqualTo(50).OverridePropertyName(nameof(RequestStepInput.DeputyIds));
        When(x => x.Step == RequestStep.Refer, () =>
        {
            RuleFor(x => x.DepartmentId).NotNull();
            RuleFor(x => x.DueOn).NotNull();
        });
        RuleFor(x => x.Evaluation).NotNull().IsInEnum().When(x => x.Step == RequestStep.Close);
        RuleFor(x => x.DueOn).NotNull().When(x => x.Step == RequestStep.RequestExtension);
        RuleFor(x => x.Grant).NotNull().When(x => x.Step == RequestStep.DecideExtension);
        When(x => x.Step == RequestStep.ConvertToSuggestion, () =>
        {
            RuleFor(x => x.Title).NotEmpty().MaximumLength(200);
            RuleFor(x => x.LeadDeputyId).NotNull();
        });
    }
}
