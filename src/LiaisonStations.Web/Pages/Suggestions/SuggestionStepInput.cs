using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Suggestions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Suggestions;

/// <summary>What a person enters to take one step on a suggestion; which fields count depends on the step.</summary>
public sealed class SuggestionStepInput
{
    [BindNever]
    public SuggestionStep Step { get; set; }

    [Display(Name = "Suggestion.Title")]
    public string? Title { get; set; }

    [Display(Name = "Suggestion.Body")]
    public string? Body { get; set; }

    [Display(Name = "Suggestion.Category")]
    public string? Category { get; set; }

    [Display(Name = "Suggestion.Occasion")]
    public SuggestionOccasion? Occasion { get; set; }

    [Display(Name = "Suggestion.SessionName")]
    public string? SessionName { get; set; }

    [Display(Name = "Suggestion.CoSignerCode")]
    public string? DeputyCode { get; set; }

    [Display(Name = "Suggestion.RequestNumber")]
    public string? RequestNumber { get; set; }

    [Display(Name = "Suggestion.CoSigner")]
    public int? DeputyId { get; set; }

    [Display(Name = "Suggestion.LeadDepartment")]
    public int? LeadDepartmentId { get; set; }

    [Display(Name = "Suggestion.CoHandlingDepartments")]
    public List<int> CoHandlingDepartmentIds { get; set; } = [];

    [Display(Name = "Suggestion.DueOn")]
    public DateOnly? DueOn { get; set; }

    [Display(Name = "Suggestion.ReplyCategory")]
    public ReplyCategory? ReplyCategory { get; set; }

    /// <summary>For city staff recording a reply received on paper: which handling department it is from.</summary>
    [Display(Name = "Suggestion.ReplyingDepartment")]
    public int? DepartmentId { get; set; }

    [Display(Name = "Suggestion.Evaluation")]
    public Evaluation? Evaluation { get; set; }

    [Display(Name = "Suggestion.LeadSupervisor")]
    public string? LeadSupervisor { get; set; }

    /// <summary>Turn key supervision or third-party evaluation on (true) or off.</summary>
    public bool On { get; set; }

    [Display(Name = "Step.Note")]
    public string? Note { get; set; }

    public uint Version { get; set; }
}

public sealed class SuggestionStepInputValidator : AbstractValidator<SuggestionStepInput>
{
    public SuggestionStepInputValidator(IStringLocalizer<SharedResource> l)
    {
        When(x => x.Step == SuggestionStep.Edit, () =>
        {
            RuleFor(x => x.Title).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Body).NotEmpty().MaximumLength(20_000);
            RuleFor(x => x.Category).MaximumLength(50);
            RuleFor(x => x.Occasion).NotNull().IsInEnum();
            RuleFor(x => x.SessionName).MaximumLength(100);
        });
        RuleFor(x => x.DeputyCode).NotEmpty().MaximumLength(32).When(x => x.Step == SuggestionStep.AddCoSigner);
        RuleFor(x => x.DeputyId).NotNull().When(x => x.Step == SuggestionStep.RemoveCoSigner);
        RuleFor(x => x.RequestNumber).NotEmpty().MaximumLength(40).When(x => x.Step == SuggestionStep.LinkRequest);
        When(x => x.Step == SuggestionStep.Assign, () =>
        {
            RuleFor(x => x.LeadDepartmentId).NotNull();
            RuleFor(x => x.DueOn).NotNull();
            RuleFor(x => x.CoHandlingDepartmentIds.Count).LessThanOrEqualTo(20).OverridePropertyName(nameof(SuggestionStepInput.CoHandlingDepartmentIds));
        });
        RuleFor(x => x.Note).NotEmpty().MaximumLength(10_000).When(x => x.Step == SuggestionStep.Reply).WithName(_ => l["Suggestion.ReplyText"]);
        RuleFor(x => x.Note).NotEmpty().When(x => x.Step == SuggestionStep.Reclassify);
        RuleFor(x => x.Note).NotEmpty().When(x => x.Step == SuggestionStep.Evaluate && x.Evaluation == Domain.Common.Evaluation.Unsatisfied)
            .WithMessage(_ => l["Rule.Suggestion.UnsatisfiedNeedsReason"]);
        RuleFor(x => x.Note).MaximumLength(2000).When(x => x.Step is not (SuggestionStep.Reply or SuggestionStep.Edit));
        RuleFor(x => x.Evaluation).NotNull().IsInEnum().When(x => x.Step == SuggestionStep.Evaluate);
        RuleFor(x => x.DueOn).NotNull().When(x => x.Step == SuggestionStep.Rehandle);
        RuleFor(x => x.LeadSupervisor).NotEmpty().MaximumLength(50).When(x => x.Step == SuggestionStep.KeySupervision && x.On);
    }
}
