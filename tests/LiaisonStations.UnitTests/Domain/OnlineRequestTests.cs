using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Pages.Public;

namespace LiaisonStations.UnitTests.Domain;

/// <summary>The citizens' own side of a request: online submission, look-up, their evaluation, spam; the code and the public timeline.</summary>
public sealed class OnlineRequestTests
{
    private static readonly DateTimeOffset Start = RequestBuilder.Start;

    private static CitizenRequest Online(string phone = "+86 139-1234-5678") =>
        CitizenRequest.SubmitOnline("2026-NG-000002", "ABCDEFGHJKMN", 1, 3, "路灯坏了", new CitizenContact(null, phone, null, false, false), consentToPublish: true, Start);

    [Fact]
    public void An_online_submission_is_registered_by_the_citizen_with_a_mobile_number()
    {
        var r = Online();
        Assert.Equal(RequestChannel.Online, r.Channel);
        Assert.Equal(RequestStatus.Registered, r.Status);
        Assert.True(r.ConsentToPublish);
        Assert.Null(Assert.Single(r.Events).ActorUserId);
        Assert.Equal(Actor.Citizen.Name, r.Events[0].ActorName);
        Assert.Equal("Request.OnlinePhoneRequired", Assert.Throws<DomainRuleException>(() => Online("0451-5550000")).Rule);
        Assert.Equal("Request.OnlinePhoneRequired", Assert.Throws<DomainRuleException>(() => Online(" ")).Rule);
        Assert.Throws<DomainRuleException>(() => CitizenRequest.SubmitOnline("2026-NG-000003", "ABCDEFGHJKMN", 1, 3, new string('长', CitizenRequest.OnlineTextMaxLength + 1), new CitizenContact(null, "13912345678", null, false, false), false, Start));
    }

    [Theory]
    [InlineData("5678", true)]
    [InlineData("1234", false)]
    [InlineData("567", false)]
    [InlineData("５６７８", false)]
    [InlineData("", false)]
    public void The_phone_is_recognised_by_its_last_four_digits_only(string digits, bool expected) =>
        Assert.Equal(expected, Online().PhoneEndsWith(digits));

    [Fact]
    public void The_citizen_evaluates_once_per_closing_and_unsatisfied_takes_the_request_up_again()
    {
        var r = Online();
        Assert.False(r.AwaitsEvaluation);
        r.AnswerOnSite("已通知物业", RequestBuilder.Clerk, Start.AddHours(1));
        Assert.True(r.AwaitsEvaluation);
        r.EvaluateOnline(Evaluation.Unsatisfied, "没有修", Start.AddHours(2));
        Assert.Equal(RequestStatus.Reopened, r.Status);
        Assert.Equal(Evaluation.Unsatisfied, r.LatestEvaluation);
        Assert.Null(r.FinishedOn);
        Assert.Equal(EvaluationSource.CitizenOnline, Assert.Single(r.Evaluations).Source);
        Assert.False(r.AwaitsEvaluation);
        Assert.Throws<DomainRuleException>(() => r.EvaluateOnline(Evaluation.Satisfied, null, Start.AddHours(3)));

        r.AssignDeputies([11], null, RequestBuilder.Clerk, Start.AddHours(4));
        r.Refer(RequestBuilder.Department, DateOnly.FromDateTime(Start.Date).AddDays(10), null, RequestBuilder.Clerk, Start.AddHours(5));
        r.RecordReply("已修好", RequestBuilder.Clerk, Start.AddHours(6));
        r.Resolve(null, RequestBuilder.Clerk, Start.AddHours(7));
        r.EvaluateOnline(Evaluation.BasicallySatisfied, null, Start.AddHours(8));
        Assert.Equal(RequestStatus.Closed, r.Status);
        Assert.Equal([1, 2], r.Evaluations.Select(e => e.Round));
        Assert.Equal(EvaluationSource.Clerk, RequestBuilder.In(RequestStatus.Closed).Evaluations[0].Source);
    }

    [Fact]
    public void Spam_is_withdrawn_without_a_finishing_date_and_only_online_submissions_can_be_spam()
    {
        var r = Online();
        r.WithdrawAsSpam(null, RequestBuilder.Clerk, Start.AddHours(1));
        Assert.Equal(RequestStatus.Withdrawn, r.Status);
        Assert.True(r.WithdrawnAsSpam);
        Assert.Null(r.FinishedOn);
        Assert.Equal(CitizenRequest.SpamReason, r.Events[^1].Note);
        Assert.Equal("Request.SpamOnlyOnline", Assert.Throws<DomainRuleException>(() => RequestBuilder.Registered().WithdrawAsSpam(null, RequestBuilder.Clerk, Start)).Rule);
        Assert.Throws<DomainRuleException>(() => RequestBuilder.In(RequestStatus.Closed).WithdrawAsSpam(null, RequestBuilder.Clerk, Start));
    }

    [Fact]
    public void Tracking_codes_are_twelve_unambiguous_characters_shown_in_groups_and_read_back_however_typed()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => RecordNumbers.NewTrackingCode()).ToList();
        Assert.All(codes, c => Assert.Matches("^[A-HJKMNP-Z2-9]{12}$", c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal("ABCD-EFGH-JKMN", RecordNumbers.FormatTrackingCode("ABCDEFGHJKMN"));
        Assert.Equal("ABCDEFGHJKMN", RecordNumbers.NormalizeTrackingCode(" abcd efgh-jkmn "));
        Assert.Null(RecordNumbers.NormalizeTrackingCode("ABCD-EFGH-JKM0"));
        Assert.Null(RecordNumbers.NormalizeTrackingCode("ABCD"));
        Assert.Null(RecordNumbers.NormalizeTrackingCode(null));
        Assert.Null(RecordNumbers.NormalizeTrackingCode("<script>"));
    }

    [Fact]
    public void Limits_count_in_windows_that_start_at_midnight_and_on_the_hour_in_china()
    {
        var late = new DateTimeOffset(2026, 11, 20, 23, 59, 0, TimeSpan.FromHours(8));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.FromHours(8)), RateCounters.WindowStart(late, TimeSpan.FromDays(1)));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.FromHours(8)), RateCounters.WindowStart(late.AddMinutes(1), TimeSpan.FromDays(1)));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 23, 0, 0, TimeSpan.FromHours(8)), RateCounters.WindowStart(late, TimeSpan.FromHours(1)));
        Assert.DoesNotContain("13912345678", RateCounters.Key("submit-phone", "13912345678"), StringComparison.Ordinal);
        Assert.NotEqual(RateCounters.Key("submit-phone", "13912345678"), RateCounters.Key("submit-phone", "13912345679"));
    }

    [Fact]
    public void The_public_timeline_shows_stages_and_the_replies_but_no_internal_note_or_staff_name()
    {
        var r = Online();
        var clerk = new Actor("u", "荣市联络员");
        r.AssignDeputies([11], "内部：请王代表跟进", clerk, Start.AddHours(1));
        r.AddNote("内部：群众情绪激动", clerk, Start.AddHours(2));
        r.Refer(RequestBuilder.Department, DateOnly.FromDateTime(Start.Date).AddDays(10), "内部：联系人李科长", clerk, Start.AddHours(3));
        r.RecordReply("已于本周修复。", new Actor("d", "张科员"), Start.AddHours(4));
        var timeline = PublicTimeline.Of(r, id => id == RequestBuilder.Department ? "市政局" : null);
        Assert.Equal(PublicStage.Replied, timeline.Stage);
        Assert.Equal([RequestAction.Registered, RequestAction.Assigned, RequestAction.Referred, RequestAction.Replied], timeline.Steps.Select(s => s.Action));
        Assert.Equal("市政局", timeline.Steps[2].Department);
        Assert.Equal("已于本周修复。", timeline.Steps[3].Text);
        Assert.All(timeline.Steps.Take(3), s => Assert.Null(s.Text));
        Assert.Equal([true, true, true, false], timeline.Stages.Select(s => s.ReachedAt is not null));
    }

    [Fact]
    public void A_photo_is_redrawn_without_its_exif_and_turned_upright_and_other_files_are_refused()
    {
        var (photo, refusal) = CitizenPhotos.Reencode(Tests.Shared.TestPhotos.JpegWithGps(64, 48));
        Assert.Equal(CitizenPhotos.Refusal.None, refusal);
        Assert.False(Tests.Shared.TestPhotos.HasExif(photo!.Content));
        Assert.Equal((64, 48), (photo.Width, photo.Height));
        Assert.Equal(CitizenPhotos.Refusal.NotAPhoto, CitizenPhotos.Reencode("GIF89a not really"u8.ToArray()).Refusal);
        Assert.Equal(CitizenPhotos.Refusal.NotAPhoto, CitizenPhotos.Reencode([]).Refusal);
        var (large, _) = CitizenPhotos.Reencode(Tests.Shared.TestPhotos.Png(3000, 1000));
        Assert.Equal((CitizenPhotos.MaxSide, 683), (large!.Width, large.Height));
    }

    [Theory]
    [InlineData("我是赵大海，电话13812345678", "我是赵**，电话***")]
    [InlineData("请拨 +86 138-1234-5678 或 0451-8888 6666", "请拨 *** 或 ***")]
    [InlineData("身份证23010219800101123X，邮箱 zhao.dh@example.cn 联系", "身份证***，邮箱 *** 联系")]
    [InlineData("2026-11-25 前在3单元502室修好", "2026-11-25 前在3单元502室修好")]
    [InlineData("没有个人信息", "没有个人信息")]
    public void Published_text_loses_the_citizens_name_and_every_number_that_reaches_a_person(string text, string expected) =>
        Assert.Equal(expected, PersonalData.Anonymise(text, "赵大海", null, " "));
}
