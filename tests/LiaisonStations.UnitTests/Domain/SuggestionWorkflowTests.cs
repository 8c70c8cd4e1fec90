using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Suggestions;

namespace LiaisonStations.UnitTests.Domain;

/// <summary>Every transition of DESIGN §3.2, legal and illegal, through the entity's verbs.</summary>
public sealed class SuggestionWorkflowTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Actor Deputy = new("u-dep", "张代表");
    private static readonly Actor Staff = new("u-city", "市人大工作人员");
    private const int LeadDepartment = 5;
    private const int CoDepartment = 6;

    private static readonly Dictionary<SuggestionStatus, SuggestionStatus[]> Expected = new()
    {
        [SuggestionStatus.Draft] = [SuggestionStatus.Submitted],
        [SuggestionStatus.Submitted] = [SuggestionStatus.Accepted, SuggestionStatus.ReclassifiedAsOpinion],
        [SuggestionStatus.Accepted] = [SuggestionStatus.Assigned],
        [SuggestionStatus.ReclassifiedAsOpinion] = [],
        [SuggestionStatus.Assigned] = [SuggestionStatus.Replied],
        [SuggestionStatus.Replied] = [SuggestionStatus.Evaluated],
        [SuggestionStatus.Evaluated] = [SuggestionStatus.Rehandling, SuggestionStatus.Closed],
        [SuggestionStatus.Rehandling] = [SuggestionStatus.Replied],
        [SuggestionStatus.Closed] = [],
    };

    private static Suggestion In(SuggestionStatus status, Evaluation evaluation = Evaluation.Unsatisfied)
    {
        if (status == SuggestionStatus.Rehandling)
        {
            evaluation = Evaluation.Unsatisfied;
        }

        var s = Suggestion.Draft(1, "关于加快老旧小区供热改造的建议", "建议正文", "城市建设", SuggestionOccasion.Session, "市十六届人大五次会议", Deputy, Start);
        s.AddCoSigner(2, Deputy, Start);
        s.ConfirmCoSignature(2, new Actor("u-2", "李代表"), Start.AddHours(1));
        var t = Start.AddDays(1);
        if (status == SuggestionStatus.Draft)
        {
            return s;
        }

        s.Submit("2026-JY-0001", Deputy, t);
        if (status == SuggestionStatus.Submitted)
        {
            return s;
        }

        if (status == SuggestionStatus.ReclassifiedAsOpinion)
        {
            s.ReclassifyAsOpinion("属一般意见", Staff, t.AddDays(1));
            return s;
        }

        s.Accept(Staff, t.AddDays(1));
        if (status == SuggestionStatus.Accepted)
        {
            return s;
        }

        s.Assign(LeadDepartment, [CoDepartment], new DateOnly(2026, 6, 10), Staff, t.AddDays(2));
        if (status == SuggestionStatus.Assigned)
        {
            return s;
        }

        s.RecordReply(LeadDepartment, ReplyCategory.B, "列入计划", new Actor("u-d", "主办单位"), t.AddDays(30));
        if (status == SuggestionStatus.Replied)
        {
            return s;
        }

        s.Evaluate(evaluation, evaluation == Evaluation.Unsatisfied ? "答复空泛" : null, Deputy, t.AddDays(35));
        if (status == SuggestionStatus.Evaluated)
        {
            return s;
        }

        if (status == SuggestionStatus.Rehandling)
        {
            s.Rehandle(new DateOnly(2026, 6, 30), null, Staff, t.AddDays(36));
            return s;
        }

        s.Close(Staff, t.AddDays(36));
        return s;
    }

    private static void Apply(Suggestion s, SuggestionStatus target, DateTimeOffset at)
    {
        switch (target)
        {
            case SuggestionStatus.Submitted: s.Submit("2026-JY-0002", Deputy, at); break;
            case SuggestionStatus.Accepted: s.Accept(Staff, at); break;
            case SuggestionStatus.ReclassifiedAsOpinion: s.ReclassifyAsOpinion("不属于建议", Staff, at); break;
            case SuggestionStatus.Assigned: s.Assign(LeadDepartment, [], new DateOnly(2026, 12, 31), Staff, at); break;
            case SuggestionStatus.Replied: s.RecordReply(LeadDepartment, ReplyCategory.A, "已解决", new Actor("u-d", "主办单位"), at); break;
            case SuggestionStatus.Evaluated: s.Evaluate(Evaluation.Satisfied, null, Deputy, at); break;
            case SuggestionStatus.Rehandling: s.Rehandle(new DateOnly(2026, 12, 31), null, Staff, at); break;
            case SuggestionStatus.Closed: s.Close(Staff, at); break;
            default: throw new ArgumentOutOfRangeException(nameof(target));
        }
    }

    public static TheoryData<SuggestionStatus, SuggestionStatus> LegalTransitions()
    {
        var data = new TheoryData<SuggestionStatus, SuggestionStatus>();
        foreach (var (from, targets) in Expected)
        {
            foreach (var to in targets)
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    public static TheoryData<SuggestionStatus, SuggestionStatus> IllegalTransitions()
    {
        var data = new TheoryData<SuggestionStatus, SuggestionStatus>();
        foreach (var from in Enum.GetValues<SuggestionStatus>())
        {
            foreach (var to in Enum.GetValues<SuggestionStatus>().Where(t => t != SuggestionStatus.Draft && !Expected[from].Contains(t)))
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LegalTransitions))]
    public void Legal_transition_changes_state_and_records_who_and_when(SuggestionStatus from, SuggestionStatus to)
    {
        // Closing right after an unsatisfied first evaluation is a separate rule; walk the satisfied path for it.
        var s = In(from, to == SuggestionStatus.Closed ? Evaluation.Satisfied : Evaluation.Unsatisfied);
        var at = Start.AddDays(60);

        Apply(s, to, at);

        Assert.Equal(to, s.Status);
        var last = s.Events[^1];
        Assert.Equal(from, last.FromStatus);
        Assert.Equal(to, last.ToStatus);
        Assert.Equal(at.ToUniversalTime(), last.At);
        Assert.NotEmpty(last.ActorName);
    }

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void Illegal_transition_is_refused_and_changes_nothing(SuggestionStatus from, SuggestionStatus to)
    {
        var s = In(from, Evaluation.Satisfied);
        var events = s.Events.Count;

        var e = Assert.Throws<DomainRuleException>(() => Apply(s, to, Start.AddDays(60)));

        Assert.StartsWith("Suggestion.", e.Rule, StringComparison.Ordinal);
        Assert.Equal(from, s.Status);
        Assert.Equal(events, s.Events.Count);
    }

    [Fact]
    public void An_unsatisfied_evaluation_must_be_rehandled_once_before_closing()
    {
        var s = In(SuggestionStatus.Evaluated, Evaluation.Unsatisfied);

        var e = Assert.Throws<DomainRuleException>(() => s.Close(Staff, Start.AddDays(60)));
        Assert.Equal("Suggestion.UnsatisfiedMustBeRehandled", e.Rule);

        s.Rehandle(new DateOnly(2026, 12, 1), "重新办理", Staff, Start.AddDays(61));
        s.RecordReply(LeadDepartment, ReplyCategory.C, "留作参考", new Actor(null, "主办单位"), Start.AddDays(70));
        s.Evaluate(Evaluation.Unsatisfied, "仍不满意", Deputy, Start.AddDays(71));
        s.Close(Staff, Start.AddDays(72));

        Assert.Equal(SuggestionStatus.Closed, s.Status);
        Assert.Equal(2, s.HandlingRound);
        Assert.Equal([1, 2], s.Evaluations.Select(x => x.Round));
    }

    [Fact]
    public void Rehandling_needs_an_unsatisfied_evaluation()
    {
        var s = In(SuggestionStatus.Evaluated, Evaluation.BasicallySatisfied);

        var e = Assert.Throws<DomainRuleException>(() => s.Rehandle(new DateOnly(2026, 12, 1), null, Staff, Start.AddDays(60)));

        Assert.Equal("Suggestion.RehandlingRequiresUnsatisfied", e.Rule);
    }

    [Fact]
    public void Submission_waits_for_every_co_signer_to_confirm()
    {
        var s = Suggestion.Draft(1, "标题", "正文", null, SuggestionOccasion.BetweenSessions, null, Deputy, Start);
        s.AddCoSigner(3, Deputy, Start);

        var e = Assert.Throws<DomainRuleException>(() => s.Submit("N-1", Deputy, Start));
        Assert.Equal("Suggestion.CoSignerNotConfirmed", e.Rule);

        s.ConfirmCoSignature(3, new Actor("u-3", "王代表"), Start.AddHours(1));
        s.Submit("N-1", Deputy, Start.AddHours(2));
        Assert.Equal(SuggestionStatus.Submitted, s.Status);
        Assert.Equal("N-1", s.Number);
    }

    [Fact]
    public void The_lead_deputy_cannot_co_sign_and_a_co_signer_is_added_once()
    {
        var s = Suggestion.Draft(1, "标题", "正文", null, SuggestionOccasion.BetweenSessions, null, Deputy, Start);

        Assert.Equal("Suggestion.LeadCannotCoSign", Assert.Throws<DomainRuleException>(() => s.AddCoSigner(1, Deputy, Start)).Rule);
        s.AddCoSigner(2, Deputy, Start);
        Assert.Equal("Suggestion.AlreadyCoSigner", Assert.Throws<DomainRuleException>(() => s.AddCoSigner(2, Deputy, Start)).Rule);
    }

    [Fact]
    public void A_co_handling_reply_is_recorded_without_changing_the_state()
    {
        var s = In(SuggestionStatus.Assigned);

        s.RecordReply(CoDepartment, null, "协办意见", new Actor(null, "协办单位"), Start.AddDays(20));

        Assert.Equal(SuggestionStatus.Assigned, s.Status);
        Assert.Equal(HandlingRole.CoHandling, s.Replies.Single().Role);
        Assert.Null(s.LatestReplyCategory);
    }

    [Fact]
    public void Only_handling_units_reply_and_the_lead_reply_needs_a_category()
    {
        var s = In(SuggestionStatus.Assigned);

        Assert.Equal("Suggestion.NotAHandlingUnit", Assert.Throws<DomainRuleException>(() => s.RecordReply(99, ReplyCategory.A, "答复", Staff, Start.AddDays(20))).Rule);
        Assert.Equal("Suggestion.ReplyCategoryRequired", Assert.Throws<DomainRuleException>(() => s.RecordReply(LeadDepartment, null, "答复", Staff, Start.AddDays(20))).Rule);
        Assert.Equal(SuggestionStatus.Assigned, s.Status);
    }

    [Fact]
    public void The_lead_unit_cannot_also_be_co_handling()
    {
        var s = In(SuggestionStatus.Accepted);

        var e = Assert.Throws<DomainRuleException>(() => s.Assign(LeadDepartment, [LeadDepartment], new DateOnly(2026, 6, 1), Staff, Start.AddDays(3)));

        Assert.Equal("Suggestion.LeadAlsoCoHandling", e.Rule);
    }

    [Fact]
    public void Default_handling_period_is_three_months()
    {
        Assert.Equal(new DateOnly(2026, 6, 15), Suggestion.DefaultDueOn(new DateOnly(2026, 3, 15)));
    }

    [Fact]
    public void Key_supervision_needs_a_lead_supervisor_and_is_recorded()
    {
        var s = In(SuggestionStatus.Assigned);

        Assert.Equal("Suggestion.LeadSupervisorRequired", Assert.Throws<DomainRuleException>(() => s.SetKeySupervision(true, " ", Staff, Start)).Rule);
        s.SetKeySupervision(true, "常委会副主任王某", Staff, Start.AddDays(5));
        s.SetThirdPartyEvaluation(true, Staff, Start.AddDays(5));

        Assert.True(s.KeySupervision);
        Assert.Equal("常委会副主任王某", s.LeadSupervisor);
        Assert.True(s.ThirdPartyEvaluation);
        Assert.Equal(SuggestionAction.ThirdPartyEvaluationSet, s.Events[^1].Action);
    }

    [Fact]
    public void Key_supervision_is_not_possible_on_a_draft()
    {
        var s = In(SuggestionStatus.Draft);

        Assert.Equal("Suggestion.SupervisionNotPossible", Assert.Throws<DomainRuleException>(() => s.SetKeySupervision(true, "王某", Staff, Start)).Rule);
    }

    [Fact]
    public void Requests_are_linked_while_drafting_only()
    {
        var s = In(SuggestionStatus.Draft);
        s.LinkRequest(42, Deputy, Start);
        s.LinkRequest(42, Deputy, Start);
        Assert.Single(s.LinkedRequests);

        s.Submit("N", Deputy, Start.AddDays(1));
        Assert.Equal("Suggestion.LinksOnlyInDraft", Assert.Throws<DomainRuleException>(() => s.LinkRequest(43, Deputy, Start)).Rule);
    }

    [Fact]
    public void Overdue_is_derived_while_the_departments_have_it()
    {
        var s = In(SuggestionStatus.Assigned);

        Assert.False(s.IsOverdue(new DateOnly(2026, 6, 10)));
        Assert.True(s.IsOverdue(new DateOnly(2026, 6, 11)));
        s.RecordReply(LeadDepartment, ReplyCategory.A, "已解决", Staff, Start.AddDays(20));
        Assert.False(s.IsOverdue(new DateOnly(2026, 6, 11)));
    }
}
