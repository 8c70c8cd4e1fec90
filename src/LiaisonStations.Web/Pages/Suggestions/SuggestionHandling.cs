using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Suggestions;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Suggestions;

/// <summary>
/// Carries out one step on a suggestion for the Act page: resolves the codes and ids the form names, calls
/// the entity's verb and saves. The entity refuses illegal transitions; scope and role were checked by the page.
/// </summary>
public sealed class SuggestionHandling(AppDbContext db, CurrentUser me, Web.Notifications.Notifier notifier, TimeProvider clock)
{
    public DateOnly Today => ChinaTime.DateOf(clock.GetUtcNow());

    /// <summary>
    /// The step, the number it may take, its audit entry and the notices it raises commit together or not at all
    /// (a refused or conflicting step gives its number back: suggestion numbers have no gaps).
    /// </summary>
    public Task TakeAsync(Suggestion s, SuggestionStepInput input, CancellationToken ct) =>
        db.InOneTransactionAsync(() => StepAsync(s, input, ct), ct);

    private async Task StepAsync(Suggestion s, SuggestionStepInput input, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var actor = me.Actor;
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        switch (input.Step)
        {
            case SuggestionStep.Edit:
                s.EditDraft(input.Title!.Trim(), input.Body!.Trim(), input.Category?.Trim(), input.Occasion!.Value, input.SessionName?.Trim(), actor, now);
                break;
            case SuggestionStep.AddCoSigner:
                var code = input.DeputyCode!.Trim();
                var deputyId = await db.Deputies.Where(d => d.Code == code && d.Status == DeputyStatus.Active).Select(d => (int?)d.Id).FirstOrDefaultAsync(ct)
                    ?? throw new DomainRuleException("Suggestion.CoSignerUnknown", code);
                s.AddCoSigner(deputyId, actor, now);
                break;
            case SuggestionStep.RemoveCoSigner:
                s.RemoveCoSigner(input.DeputyId!.Value, actor, now);
                break;
            case SuggestionStep.LinkRequest:
                // Only a request the deputy can see (one assigned to them) can be cited.
                var number = input.RequestNumber!.Trim();
                var requestId = await db.CitizenRequests.VisibleTo(me, db.Stations).Where(r => r.TrackingNumber == number).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct)
                    ?? throw new DomainRuleException("Suggestion.RequestUnknown", number);
                s.LinkRequest(requestId, actor, now);
                break;
            case SuggestionStep.ConfirmCoSignature:
                s.ConfirmCoSignature(me.DeputyId ?? throw new DomainRuleException("Suggestion.NotCoSigner", 0), actor, now);
                break;
            case SuggestionStep.Submit:
                var year = Today.Year;
                var sequence = await DocumentCounter.NextAsync(db, RecordNumbers.SuggestionScope(year), ct);
                s.Submit(RecordNumbers.Suggestion(year, sequence), actor, now);
                break;
            case SuggestionStep.Accept:
                s.Accept(actor, now);
                break;
            case SuggestionStep.Reclassify:
                s.ReclassifyAsOpinion(note!, actor, now);
                break;
            case SuggestionStep.Assign:
                var ids = input.CoHandlingDepartmentIds.Append(input.LeadDepartmentId!.Value).Distinct().ToArray();
                if (await db.Departments.CountAsync(d => ids.Contains(d.Id) && d.IsActive, ct) != ids.Length)
                {
                    throw new DomainRuleException("Request.DepartmentUnknown");
                }

                s.Assign(input.LeadDepartmentId.Value, input.CoHandlingDepartmentIds.Where(i => i != input.LeadDepartmentId.Value).Distinct().ToList(), input.DueOn!.Value, actor, now);
                break;
            case SuggestionStep.Reply:
                var department = me.IsDepartmentLiaison ? me.DepartmentId!.Value : input.DepartmentId ?? s.LeadDepartmentId ?? 0;
                s.RecordReply(department, input.ReplyCategory, note!, actor, now);
                break;
            case SuggestionStep.Evaluate:
                s.Evaluate(input.Evaluation!.Value, note, actor, now);
                break;
            case SuggestionStep.Rehandle:
                s.Rehandle(input.DueOn!.Value, note, actor, now);
                break;
            case SuggestionStep.Close:
                s.Close(actor, now);
                break;
            case SuggestionStep.KeySupervision:
                s.SetKeySupervision(input.On, input.LeadSupervisor?.Trim(), actor, now);
                break;
            case SuggestionStep.ThirdPartyEvaluation:
                s.SetThirdPartyEvaluation(input.On, actor, now);
                break;
            default:
                throw new DomainRuleException("Request.StepUnknown");
        }

        await db.SaveChangesAsync(ct);
        await NotifyAsync(s, input.Step, CancellationToken.None);
    }

    /// <summary>Tells the people a step concerns: an invited co-signer, the handling departments, the lead deputy when a reply is in.</summary>
    private async Task NotifyAsync(Suggestion s, SuggestionStep step, CancellationToken ct)
    {
        var label = s.Number ?? s.Title;
        switch (step)
        {
            case SuggestionStep.AddCoSigner:
                var invited = s.CoSigners.Where(c => c.ConfirmedAt is null).Select(c => c.DeputyId).ToList();
                await notifier.ToDeputiesAsync(invited, Web.Notifications.NotificationKind.SuggestionCoSignInvited, "suggestion", s.Id, label, $"cosign:suggestion:{s.Id}", ct);
                break;
            case SuggestionStep.Assign:
                await notifier.ToDepartmentsAsync(s.HandlingUnits.Select(u => u.DepartmentId).ToList(), Web.Notifications.NotificationKind.SuggestionAssigned, "suggestion", s.Id, label, $"assigned:suggestion:{s.Id}", ct);
                break;
            case SuggestionStep.Rehandle:
                await notifier.ToDepartmentsAsync(s.HandlingUnits.Select(u => u.DepartmentId).ToList(), Web.Notifications.NotificationKind.SuggestionAssigned, "suggestion", s.Id, label, $"assigned:suggestion:{s.Id}:{s.HandlingRound}", ct);
                break;
            case SuggestionStep.Reply when s.Status == SuggestionStatus.Replied:
                await notifier.ToDeputiesAsync([s.LeadDeputyId], Web.Notifications.NotificationKind.SuggestionReplied, "suggestion", s.Id, label, $"replied:suggestion:{s.Id}:{s.HandlingRound}", ct);
                break;
        }
    }
}
