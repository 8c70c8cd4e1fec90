using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;

namespace LiaisonStations.UnitTests.Domain;

/// <summary>Builds requests in any state by walking the legal path through the entity's own verbs.</summary>
internal static class RequestBuilder
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(8));
    public static readonly Actor Clerk = new("u-clerk", "联络员小王");
    public const int Department = 7;

    public static CitizenRequest Registered(CitizenContact? contact = null) =>
        CitizenRequest.Register("2026-NG-000001", "ABCDEFGHJKMNPQRS", 1, null, RequestChannel.WalkIn, 3, "小区供暖不达标", contact ?? CitizenContact.Anonymous, Clerk, Start);

    /// <summary>A request in <paramref name="status"/>; a closed one was closed unsatisfied unless <paramref name="satisfied"/>.</summary>
    public static CitizenRequest In(RequestStatus status, bool satisfied = false)
    {
        var r = Registered();
        var t = Start;
        DateTimeOffset Next() => t = t.AddHours(4);
        switch (status)
        {
            case RequestStatus.Registered:
                break;
            case RequestStatus.AnsweredOnSite:
                r.AnswerOnSite("当场解释政策", Clerk, Next());
                break;
            case RequestStatus.ConvertedToSuggestion:
                r.ConvertToSuggestion(99, Clerk, Next());
                break;
            case RequestStatus.Withdrawn:
                r.Withdraw("群众撤回", Clerk, Next());
                break;
            default:
                r.AssignDeputies([11], null, Clerk, Next());
                if (status == RequestStatus.Assigned)
                {
                    break;
                }

                r.Refer(Department, new DateOnly(2026, 11, 11), "请办理", Clerk, Next());
                if (status == RequestStatus.Referred)
                {
                    break;
                }

                if (status == RequestStatus.Supervising)
                {
                    r.Supervise("请加快", null, Clerk, Next());
                    break;
                }

                r.RecordReply("已安排处理", Clerk, Next());
                if (status == RequestStatus.Replied)
                {
                    break;
                }

                if (status == RequestStatus.Explained)
                {
                    r.Explain("无法解决，已说明", Clerk, Next());
                    break;
                }

                r.Resolve(null, Clerk, Next());
                if (status == RequestStatus.Resolved)
                {
                    break;
                }

                r.Close(satisfied ? Evaluation.Satisfied : Evaluation.Unsatisfied, null, Clerk, Next());
                if (status == RequestStatus.Closed)
                {
                    break;
                }

                r.Reopen("群众不满意", Clerk, Next());
                break;
        }

        Assert.Equal(status, r.Status);
        return r;
    }

    public static DateTimeOffset Later => Start.AddDays(2);

    /// <summary>Performs the verb that leads to <paramref name="target"/>.</summary>
    public static void Apply(CitizenRequest r, RequestStatus target, DateTimeOffset at)
    {
        switch (target)
        {
            case RequestStatus.AnsweredOnSite: r.AnswerOnSite("当场答复", Clerk, at); break;
            // From a referral, back to the station: the department sends it back (退回).
            case RequestStatus.Assigned when r.Status is RequestStatus.Referred or RequestStatus.Supervising: r.SendBack("不属于本单位职责", Clerk, at); break;
            case RequestStatus.Assigned: r.AssignDeputies([12], null, Clerk, at); break;
            case RequestStatus.Referred: r.Refer(Department, new DateOnly(2026, 11, 30), null, Clerk, at); break;
            case RequestStatus.Replied: r.RecordReply("已答复", Clerk, at); break;
            case RequestStatus.Supervising: r.Supervise("督办", null, Clerk, at); break;
            case RequestStatus.Resolved: r.Resolve("已解决", Clerk, at); break;
            case RequestStatus.Explained: r.Explain("已解释", Clerk, at); break;
            case RequestStatus.Closed: r.Close(Evaluation.BasicallySatisfied, null, Clerk, at); break;
            case RequestStatus.Reopened: r.Reopen("重新办理", Clerk, at); break;
            case RequestStatus.ConvertedToSuggestion: r.ConvertToSuggestion(5, Clerk, at); break;
            case RequestStatus.Withdrawn: r.Withdraw("撤回", Clerk, at); break;
            default: throw new ArgumentOutOfRangeException(nameof(target), target, "no verb leads to this state");
        }
    }
}
