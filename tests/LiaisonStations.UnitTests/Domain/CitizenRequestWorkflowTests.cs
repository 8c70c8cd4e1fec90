using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;

namespace LiaisonStations.UnitTests.Domain;

/// <summary>Every transition of DESIGN §3.1, legal and illegal, through the entity's verbs.</summary>
public sealed class CitizenRequestWorkflowTests
{
    // Written out from DESIGN §3.1 independently of RequestWorkflow, so a change to the table shows up here.
    private static readonly Dictionary<RequestStatus, RequestStatus[]> Expected = new()
    {
        [RequestStatus.Registered] = [RequestStatus.AnsweredOnSite, RequestStatus.Assigned, RequestStatus.ConvertedToSuggestion, RequestStatus.Withdrawn],
        [RequestStatus.AnsweredOnSite] = [RequestStatus.Closed],
        [RequestStatus.Assigned] = [RequestStatus.Referred, RequestStatus.ConvertedToSuggestion, RequestStatus.Withdrawn],
        // Sent back by the department (退回): to Assigned, or to Registered when no deputy follows the request.
        [RequestStatus.Referred] = [RequestStatus.Replied, RequestStatus.Supervising, RequestStatus.ConvertedToSuggestion, RequestStatus.Withdrawn, RequestStatus.Assigned, RequestStatus.Registered],
        [RequestStatus.Replied] = [RequestStatus.Resolved, RequestStatus.Explained, RequestStatus.Supervising, RequestStatus.ConvertedToSuggestion, RequestStatus.Withdrawn],
        [RequestStatus.Supervising] = [RequestStatus.Replied, RequestStatus.ConvertedToSuggestion, RequestStatus.Withdrawn, RequestStatus.Assigned, RequestStatus.Registered],
        [RequestStatus.Resolved] = [RequestStatus.Closed],
        [RequestStatus.Explained] = [RequestStatus.Closed],
        [RequestStatus.Closed] = [RequestStatus.Reopened],
        [RequestStatus.Reopened] = [RequestStatus.Assigned, RequestStatus.Referred, RequestStatus.ConvertedToSuggestion, RequestStatus.Withdrawn],
        [RequestStatus.ConvertedToSuggestion] = [],
        [RequestStatus.Withdrawn] = [],
    };

    private static readonly RequestStatus[] Targets = Enum.GetValues<RequestStatus>().Where(s => s != RequestStatus.Registered).ToArray();

    public static TheoryData<RequestStatus, RequestStatus> LegalTransitions()
    {
        var data = new TheoryData<RequestStatus, RequestStatus>();
        foreach (var (from, targets) in Expected)
        {
            // Back to Registered only for a request without deputies: its own test below.
            foreach (var to in targets.Where(t => t != RequestStatus.Registered))
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    public static TheoryData<RequestStatus, RequestStatus> IllegalTransitions()
    {
        var data = new TheoryData<RequestStatus, RequestStatus>();
        foreach (var from in Enum.GetValues<RequestStatus>())
        {
            foreach (var to in Targets.Where(t => !Expected[from].Contains(t)))
            {
                // Assigning deputies to a request already being handled adds them without a state change (tested below).
                if (to == RequestStatus.Assigned && RequestWorkflow.IsOpen(from))
                {
                    continue;
                }

                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LegalTransitions))]
    public void Legal_transition_changes_state_and_records_who_and_when(RequestStatus from, RequestStatus to)
    {
        var request = RequestBuilder.In(from);
        var events = request.Events.Count;
        var at = RequestBuilder.Later;

        RequestBuilder.Apply(request, to, at);

        Assert.Equal(to, request.Status);
        Assert.Equal(events + 1, request.Events.Count);
        var last = request.Events[^1];
        Assert.Equal(from, last.FromStatus);
        Assert.Equal(to, last.ToStatus);
        Assert.Equal(RequestBuilder.Clerk.UserId, last.ActorUserId);
        Assert.Equal(RequestBuilder.Clerk.Name, last.ActorName);
        Assert.Equal(at.ToUniversalTime(), last.At);
    }

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void Illegal_transition_is_refused_and_changes_nothing(RequestStatus from, RequestStatus to)
    {
        var request = RequestBuilder.In(from);
        var events = request.Events.Count;

        var e = Assert.Throws<DomainRuleException>(() => RequestBuilder.Apply(request, to, RequestBuilder.Later));

        Assert.StartsWith("Request.", e.Rule, StringComparison.Ordinal);
        Assert.Equal(from, request.Status);
        Assert.Equal(events, request.Events.Count);
    }

    [Fact]
    public void The_table_in_code_matches_the_design()
    {
        foreach (var from in Enum.GetValues<RequestStatus>())
        {
            Assert.Equal(Expected[from].OrderBy(x => x), RequestWorkflow.TargetsFrom(from).OrderBy(x => x));
        }
    }

    [Fact]
    public void A_category_change_is_its_own_event_that_keeps_the_previous_category_and_only_while_open()
    {
        var request = RequestBuilder.In(RequestStatus.Registered);
        var before = request.CategoryId;

        Assert.Equal("Request.CategoryUnchanged", Assert.Throws<DomainRuleException>(() => request.ChangeCategory(before, null, RequestBuilder.Clerk, RequestBuilder.Later)).Rule);
        request.ChangeCategory(before + 1, "应属环境类", RequestBuilder.Clerk, RequestBuilder.Later);

        var e = request.Events[^1];
        Assert.Equal(RequestAction.CategoryChanged, e.Action);
        Assert.Equal(before + 1, request.CategoryId);
        Assert.Equal(before, CitizenRequest.PreviousCategoryOf(e));
        Assert.Equal("应属环境类", CitizenRequest.RemarkOf(e));
        Assert.Equal(RequestBuilder.Clerk.Name, e.ActorName);
        Assert.True(RequestSteps.IsAllowed(RequestStep.ChangeCategory, request.Status, null));

        var closed = RequestBuilder.In(RequestStatus.Closed);
        Assert.False(RequestSteps.IsAllowed(RequestStep.ChangeCategory, closed.Status, closed.LatestEvaluation));
        Assert.Equal("Request.NotOpen", Assert.Throws<DomainRuleException>(() => closed.ChangeCategory(closed.CategoryId + 1, null, RequestBuilder.Clerk, RequestBuilder.Later)).Rule);
    }

    [Fact]
    public void A_referral_sent_back_returns_a_request_without_deputies_to_registered_and_clears_the_department_and_due_date()
    {
        var request = RequestBuilder.In(RequestStatus.AnsweredOnSite);
        request.Close(Evaluation.Unsatisfied, null, RequestBuilder.Clerk, RequestBuilder.Later.AddDays(1));
        RequestBuilder.Apply(request, RequestStatus.Reopened, RequestBuilder.Later.AddDays(1));
        RequestBuilder.Apply(request, RequestStatus.Referred, RequestBuilder.Later.AddDays(1));
        Assert.Empty(request.Deputies);

        request.SendBack("不属于本单位职责", RequestBuilder.Clerk, RequestBuilder.Later.AddDays(2));

        Assert.Equal(RequestStatus.Registered, request.Status);
        Assert.Null(request.CurrentDepartmentId);
        Assert.Null(request.DueOn);
        Assert.NotNull(request.Referrals[^1].ReturnedAt);
        Assert.Throws<DomainRuleException>(() => request.SendBack("再退", RequestBuilder.Clerk, RequestBuilder.Later.AddDays(2)));
    }

    [Fact]
    public void An_extension_is_asked_once_for_a_later_date_and_granting_it_moves_the_due_date()
    {
        var request = RequestBuilder.In(RequestStatus.Referred);
        var due = request.DueOn!.Value;
        var now = RequestBuilder.Later;

        Assert.Throws<DomainRuleException>(() => request.RequestExtension(due, "理由", RequestBuilder.Clerk, now));
        Assert.Throws<DomainRuleException>(() => request.RequestExtension(due.AddDays(10), " ", RequestBuilder.Clerk, now));
        request.RequestExtension(due.AddDays(10), "需待供暖期结束后施工", RequestBuilder.Clerk, now);
        Assert.Throws<DomainRuleException>(() => request.RequestExtension(due.AddDays(20), "再申请", RequestBuilder.Clerk, now));
        Assert.True(request.ExtensionPending);

        request.DecideExtension(true, null, RequestBuilder.Clerk, now);

        Assert.Equal(due.AddDays(10), request.DueOn);
        Assert.False(request.ExtensionPending);
        Assert.Throws<DomainRuleException>(() => request.DecideExtension(true, null, RequestBuilder.Clerk, now));
        Assert.Equal(
            [RequestAction.ExtensionRequested, RequestAction.ExtensionGranted],
            request.Events.Select(e => e.Action).Where(a => a is RequestAction.ExtensionRequested or RequestAction.ExtensionGranted).ToArray());
    }

    [Fact]
    public void Illegal_transition_names_the_rule_and_both_states()
    {
        var request = RequestBuilder.In(RequestStatus.Registered);

        var e = Assert.Throws<DomainRuleException>(() => request.RecordReply("答复", RequestBuilder.Clerk, RequestBuilder.Later));

        Assert.Equal("Request.IllegalTransition", e.Rule);
        Assert.Equal([RequestStatus.Registered, RequestStatus.Replied], e.Arguments);
    }

    [Theory]
    [InlineData(RequestStatus.Assigned)]
    [InlineData(RequestStatus.Referred)]
    [InlineData(RequestStatus.Replied)]
    [InlineData(RequestStatus.Supervising)]
    public void Assigning_more_deputies_while_handling_adds_them_without_a_state_change(RequestStatus from)
    {
        var request = RequestBuilder.In(from);

        request.AssignDeputies([21, 22], "请两位代表跟进", RequestBuilder.Clerk, RequestBuilder.Later);

        Assert.Equal(from, request.Status);
        Assert.True(request.IsAssignedTo(21));
        Assert.True(request.IsAssignedTo(22));
        Assert.Equal(RequestAction.DeputiesAdded, request.Events[^1].Action);
    }

    [Fact]
    public void Assigning_only_deputies_already_assigned_is_refused()
    {
        var request = RequestBuilder.In(RequestStatus.Assigned);

        var e = Assert.Throws<DomainRuleException>(() => request.AssignDeputies([11], null, RequestBuilder.Clerk, RequestBuilder.Later));

        Assert.Equal("Request.DeputiesAlreadyAssigned", e.Rule);
    }

    [Fact]
    public void Reopening_needs_an_unsatisfied_evaluation()
    {
        var request = RequestBuilder.In(RequestStatus.Closed, satisfied: true);

        var e = Assert.Throws<DomainRuleException>(() => request.Reopen("想重新办理", RequestBuilder.Clerk, RequestBuilder.Later));

        Assert.Equal("Request.ReopenRequiresUnsatisfied", e.Rule);
        Assert.Equal(RequestStatus.Closed, request.Status);
    }

    [Fact]
    public void Each_closing_collects_one_evaluation_and_a_reopened_request_can_be_closed_again()
    {
        var request = RequestBuilder.In(RequestStatus.Reopened);
        var t = RequestBuilder.Later;
        request.Refer(RequestBuilder.Department, new DateOnly(2026, 12, 1), null, RequestBuilder.Clerk, t);
        request.RecordReply("第二次答复", RequestBuilder.Clerk, t.AddHours(1));
        request.Resolve(null, RequestBuilder.Clerk, t.AddHours(2));
        request.Close(Evaluation.Satisfied, null, RequestBuilder.Clerk, t.AddHours(3));

        Assert.Equal(2, request.ClosingRound);
        Assert.Equal([1, 2], request.Evaluations.Select(e => e.Round));
        Assert.Equal([Evaluation.Unsatisfied, Evaluation.Satisfied], request.Evaluations.Select(e => e.Evaluation));
        Assert.Equal(Evaluation.Satisfied, request.LatestEvaluation);
    }

    [Fact]
    public void A_referral_needs_a_due_date_after_today()
    {
        var request = RequestBuilder.In(RequestStatus.Assigned);

        var e = Assert.Throws<DomainRuleException>(() => request.Refer(1, new DateOnly(2026, 11, 2), null, RequestBuilder.Clerk, RequestBuilder.Start));

        Assert.Equal("Request.DueDateNotInFuture", e.Rule);
        Assert.Equal(RequestStatus.Assigned, request.Status);
        Assert.Empty(request.Referrals);
    }

    [Fact]
    public void Overdue_is_derived_from_the_due_date_and_the_open_state()
    {
        var request = RequestBuilder.In(RequestStatus.Referred);
        var due = request.DueOn!.Value;

        Assert.False(request.IsOverdue(due));
        Assert.True(request.IsOverdue(due.AddDays(1)));

        request.RecordReply("答复", RequestBuilder.Clerk, RequestBuilder.Later);
        request.Resolve(null, RequestBuilder.Clerk, RequestBuilder.Later);
        Assert.False(request.IsOverdue(due.AddDays(30)));
    }

    [Fact]
    public void Supervision_can_extend_the_due_date_of_the_referral()
    {
        var request = RequestBuilder.In(RequestStatus.Referred);

        request.Supervise("延期办理", new DateOnly(2026, 11, 25), RequestBuilder.Clerk, RequestBuilder.Later);

        Assert.Equal(new DateOnly(2026, 11, 25), request.DueOn);
        Assert.Equal(new DateOnly(2026, 11, 25), request.CurrentReferral!.DueOn);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_citizens_identity_goes_to_the_department_only_with_consent(bool consent)
    {
        var request = RequestBuilder.Registered(new CitizenContact("张三", "13812345678", null, true, consent));
        request.AssignDeputies([1], null, RequestBuilder.Clerk, RequestBuilder.Start);

        var referral = request.Refer(3, new DateOnly(2026, 11, 20), null, RequestBuilder.Clerk, RequestBuilder.Start);

        Assert.Equal(consent, referral.IdentityDisclosed);
    }

    [Fact]
    public void Registration_dates_are_local_to_Shanghai()
    {
        // 23:30 UTC on 1 November is 07:30 on 2 November in Shanghai.
        var r = CitizenRequest.Register("N", "ABCDEFGHJKMNPQRS", 1, null, RequestChannel.Phone, 1, "问题", CitizenContact.Anonymous, RequestBuilder.Clerk, new DateTimeOffset(2026, 11, 1, 23, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 11, 2), r.RegisteredOn);
        Assert.Equal(RequestAction.Registered, r.Events.Single().Action);
    }

    [Fact]
    public void An_imported_request_keeps_its_recorded_status_and_an_import_marks_it()
    {
        var recorded = new RecordedRequest(1, null, new DateOnly(2025, 3, 1), RequestChannel.Reception, 2, "路灯不亮", RequestStatus.Closed, new DateOnly(2025, 3, 9), Evaluation.Satisfied);
        var r = CitizenRequest.Import("R-1", "ABCDEFGHJKMNPQRS", recorded, Actor.System, RequestBuilder.Start);

        Assert.Equal(RequestStatus.Closed, r.Status);
        Assert.Equal(new DateOnly(2025, 3, 9), r.ResolvedOn);
        Assert.Equal(RequestAction.Imported, r.Events.Single().Action);
        Assert.Single(r.Evaluations);
        Assert.False(r.UpdateFromImport(recorded, Actor.System, RequestBuilder.Later));
        Assert.Single(r.Events);
        Assert.True(r.UpdateFromImport(recorded with { Status = RequestStatus.Reopened }, Actor.System, RequestBuilder.Later));
        Assert.Equal(RequestAction.ImportUpdated, r.Events[^1].Action);
        Assert.Equal(RequestStatus.Reopened, r.Status);
    }

    [Fact]
    public void An_empty_summary_is_refused()
    {
        var e = Assert.Throws<DomainRuleException>(() => CitizenRequest.Register("N", "ABCDEFGHJKMNPQRS", 1, null, RequestChannel.Phone, 1, "   ", CitizenContact.Anonymous, RequestBuilder.Clerk, RequestBuilder.Start));

        Assert.Equal("Request.SummaryRequired", e.Rule);
    }
}
