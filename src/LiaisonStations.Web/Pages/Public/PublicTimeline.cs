using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>The four stages a citizen follows (已受理 / 已转办 / 已答复 / 已办结).</summary>
public enum PublicStage
{
    Accepted = 1,
    Referred = 2,
    Replied = 3,
    Finished = 4,
}

/// <summary>
/// What a citizen may see of their request: the stages with dates, the steps in public words, and the texts meant
/// for them (an answer on site, a department's reply, an explanation). Never a staff member's name, an internal
/// note, a deputy or a department's contact.
/// </summary>
public sealed record PublicTimeline(
    string Number,
    DateOnly RegisteredOn,
    PublicStage Stage,
    RequestStatus Status,
    IReadOnlyList<(PublicStage Stage, DateTimeOffset? ReachedAt)> Stages,
    IReadOnlyList<PublicTimeline.Step> Steps,
    Evaluation? LatestEvaluation,
    bool AwaitsEvaluation)
{
    /// <summary>One step: when, what (the status it led to), the department it went to, a text meant for the citizen.</summary>
    public sealed record Step(DateTimeOffset At, RequestAction Action, RequestStatus To, string? Department, string? Text, Evaluation? Evaluation);

    public static PublicStage StageOf(RequestStatus status) => status switch
    {
        RequestStatus.Referred or RequestStatus.Supervising => PublicStage.Referred,
        RequestStatus.Replied or RequestStatus.AnsweredOnSite => PublicStage.Replied,
        RequestStatus.Resolved or RequestStatus.Explained or RequestStatus.Closed or RequestStatus.ConvertedToSuggestion or RequestStatus.Withdrawn => PublicStage.Finished,
        _ => PublicStage.Accepted,
    };

    /// <summary>The actions a citizen sees; notes, deputies added, extensions and corrections stay inside.</summary>
    private static readonly HashSet<RequestAction> Shown =
    [
        RequestAction.Registered, RequestAction.Imported, RequestAction.AnsweredOnSite, RequestAction.Assigned, RequestAction.Referred,
        RequestAction.Replied, RequestAction.Supervised, RequestAction.Resolved, RequestAction.Explained, RequestAction.Closed,
        RequestAction.Reopened, RequestAction.ConvertedToSuggestion, RequestAction.Withdrawn, RequestAction.SentBack,
    ];

    public static PublicTimeline Of(CitizenRequest request, Func<int, string?> departmentName)
    {
        var referrals = request.Referrals.OrderBy(r => r.ReferredAt).ToList();
        var evaluations = request.Evaluations.OrderBy(e => e.Round).ToList();
        var referralIndex = 0;
        var evaluationIndex = 0;
        var steps = new List<Step>();
        foreach (var e in request.Events.OrderBy(e => e.At).ThenBy(e => e.Id))
        {
            if (!Shown.Contains(e.Action))
            {
                continue;
            }

            string? department = null;
            string? text = null;
            Evaluation? evaluation = null;
            switch (e.Action)
            {
                case RequestAction.Referred:
                    department = referralIndex < referrals.Count ? departmentName(referrals[referralIndex++].DepartmentId) : null;
                    break;
                case RequestAction.AnsweredOnSite or RequestAction.Replied or RequestAction.Explained:
                    text = e.Note;
                    break;
                case RequestAction.Closed:
                    evaluation = evaluationIndex < evaluations.Count ? evaluations[evaluationIndex++].Evaluation : null;
                    break;
            }

            steps.Add(new Step(e.At, e.Action, e.ToStatus, department, text, evaluation));
        }

        var stage = StageOf(request.Status);
        var stages = Enum.GetValues<PublicStage>()
            .Select(s => (s, s <= stage ? steps.LastOrDefault(x => StageOf(x.To) == s)?.At ?? (s == PublicStage.Accepted ? request.RegisteredAt : (DateTimeOffset?)null) : null))
            .ToList();
        return new PublicTimeline(request.TrackingNumber, request.RegisteredOn, stage, request.Status, stages, steps, request.LatestEvaluation, request.AwaitsEvaluation);
    }
}
