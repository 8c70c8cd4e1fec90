using LiaisonStations.Domain.Calendar;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Suggestions;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Requests;

/// <summary>
/// Carries out one step on a request for the Act page: checks the ids the form names (deputies stationed
/// at the request's station, active departments), calls the entity's verb and saves. The entity refuses
/// illegal transitions; scope and role were checked by the page.
/// </summary>
public sealed class RequestHandling(AppDbContext db, CurrentUser me, Lookups lookups, Web.Notifications.Notifier notifier, CalendarProvider calendars, TimeProvider clock)
{
    public DateOnly Today => ChinaTime.DateOf(clock.GetUtcNow());

    /// <summary>The default due date of a referral: seven working days on the holiday calendar.</summary>
    public async Task<DateOnly> DefaultDueOnAsync(CancellationToken ct) =>
        (await calendars.GetAsync(ct)).AddWorkingDays(Today, WorkingCalendar.DefaultReferralWorkingDays);

    /// <summary>Takes the step on a tracked request and saves; throws DomainRuleException when the rules refuse it.</summary>
    public async Task TakeAsync(CitizenRequest request, RequestStepInput input, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var actor = me.Actor;
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        switch (input.Step)
        {
            case RequestStep.AnswerOnSite:
                request.AnswerOnSite(note!, actor, now);
                break;
            case RequestStep.AssignDeputies:
                await EnsureStationedAsync(request.StationId, input.DeputyIds, ct);
                request.AssignDeputies(input.DeputyIds, note, actor, now);
                break;
            case RequestStep.Refer:
                var departmentId = input.DepartmentId!.Value;
                if (!await db.Departments.AnyAsync(d => d.Id == departmentId && d.IsActive, ct))
                {
                    throw new DomainRuleException("Request.DepartmentUnknown");
                }

                request.Refer(departmentId, input.DueOn!.Value, note, actor, now);
                break;
            case RequestStep.RecordReply:
                request.RecordReply(note!, actor, now);
                break;
            case RequestStep.Supervise:
                request.Supervise(note!, input.DueOn, actor, now);
                break;
            case RequestStep.Resolve:
                request.Resolve(note, actor, now);
                break;
            case RequestStep.Explain:
                request.Explain(note!, actor, now);
                break;
            case RequestStep.Close:
                request.Close(input.Evaluation!.Value, note, actor, now);
                break;
            case RequestStep.Reopen:
                request.Reopen(note!, actor, now);
                break;
            case RequestStep.Withdraw when input.Spam:
                request.WithdrawAsSpam(note, actor, now);
                break;
            case RequestStep.Withdraw:
                request.Withdraw(note!, actor, now);
                break;
            case RequestStep.AddNote:
                request.AddNote(note!, actor, now);
                break;
            case RequestStep.ChangeCategory:
                var category = input.CategoryId!.Value;
                if (!await db.RequestCategories.AnyAsync(c => c.Id == category, ct))
                {
                    throw new DomainRuleException("Request.CategoryUnknown");
                }

                request.ChangeCategory(category, note, actor, now);
                break;
            case RequestStep.SendBack:
                input.DepartmentId = request.CurrentDepartmentId;
                request.SendBack(note!, actor, now);
                break;
            case RequestStep.RequestExtension:
                request.RequestExtension(input.DueOn!.Value, note!, actor, now);
                break;
            case RequestStep.DecideExtension:
                input.DepartmentId = request.CurrentDepartmentId;
                request.DecideExtension(input.Grant!.Value, note, actor, now);
                break;
            case RequestStep.ConvertToSuggestion:
                await ConvertAsync(request, input, note, ct);
                return;
            default:
                throw new DomainRuleException("Request.StepUnknown");
        }

        // The step, its audit entry and the notices it raises commit together or not at all.
        await db.InOneTransactionAsync(async () =>
        {
            await db.SaveChangesAsync(ct);
            await NotifyAsync(request, input, CancellationToken.None);
        }, ct);
    }

    /// <summary>Tells the people a step concerns: assigned deputies, the department referred to, the station's clerks when a reply comes in.</summary>
    private async Task NotifyAsync(CitizenRequest request, RequestStepInput input, CancellationToken ct)
    {
        var subject = request.Id;
        var label = request.TrackingNumber;
        switch (input.Step)
        {
            case RequestStep.AssignDeputies:
                await notifier.ToDeputiesAsync(input.DeputyIds, Web.Notifications.NotificationKind.RequestAssigned, "request", subject, label, $"assigned:request:{subject}", ct);
                break;
            case RequestStep.Refer:
                await notifier.ToDepartmentsAsync([input.DepartmentId!.Value], Web.Notifications.NotificationKind.RequestReferred, "request", subject, label, $"referred:request:{subject}:{request.Referrals.Count}", ct);
                break;
            case RequestStep.RecordReply:
                await notifier.ToStationClerksAsync(request.StationId, Web.Notifications.NotificationKind.RequestReplied, "request", subject, label, $"replied:request:{subject}:{request.Events.Count}", ct);
                await notifier.ToDeputiesAsync(request.Deputies.Select(d => d.DeputyId).ToList(), Web.Notifications.NotificationKind.RequestReplied, "request", subject, label, $"replied:request:{subject}:{request.Events.Count}", ct);
                break;
            case RequestStep.SendBack:
                await notifier.ToStationClerksAsync(request.StationId, Web.Notifications.NotificationKind.RequestSentBack, "request", subject, label, $"sentback:request:{subject}:{request.Events.Count}", ct);
                break;
            case RequestStep.RequestExtension:
                await notifier.ToStationClerksAsync(request.StationId, Web.Notifications.NotificationKind.ExtensionRequested, "request", subject, label, $"extension:request:{subject}:{request.Events.Count}", ct);
                break;
            case RequestStep.DecideExtension when input.DepartmentId is { } department:
                await notifier.ToDepartmentsAsync([department], Web.Notifications.NotificationKind.ExtensionDecided, "request", subject, label, $"extension-decided:request:{subject}:{request.Events.Count}", ct);
                break;
        }
    }

    /// <summary>
    /// The problem becomes a draft suggestion of a deputy assigned to it (or of the deputy converting it);
    /// the draft cites the request, and both are saved together.
    /// </summary>
    private async Task ConvertAsync(CitizenRequest request, RequestStepInput input, string? note, CancellationToken ct)
    {
        var leadId = me.IsDeputy ? me.DeputyId!.Value : input.LeadDeputyId!.Value;
        if (!request.IsAssignedTo(leadId))
        {
            throw new DomainRuleException("Request.LeadMustBeAssigned");
        }

        var now = clock.GetUtcNow();
        var category = await db.RequestCategories.Where(c => c.Id == request.CategoryId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        var body = note is null ? request.Summary : request.Summary + "\n\n" + note;
        await db.InOneTransactionAsync(async () =>
        {
            var suggestion = Suggestion.Draft(leadId, input.Title!.Trim(), body, category, SuggestionOccasion.BetweenSessions, null, me.Actor, now);
            db.Suggestions.Add(suggestion);
            await db.SaveChangesAsync(ct);
            suggestion.LinkRequest(request.Id, me.Actor, now);
            request.ConvertToSuggestion(suggestion.Id, me.Actor, now);
            await db.SaveChangesAsync(CancellationToken.None);
        }, ct);
    }

    private async Task EnsureStationedAsync(int stationId, IReadOnlyCollection<int> deputyIds, CancellationToken ct)
    {
        if (!await lookups.AllStationedAsync(stationId, deputyIds, ct))
        {
            throw new DomainRuleException("Request.DeputyNotStationed");
        }
    }
}
