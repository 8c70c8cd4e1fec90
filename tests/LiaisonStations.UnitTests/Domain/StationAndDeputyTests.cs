using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Consultations;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Stations;

namespace LiaisonStations.UnitTests.Domain;

public sealed class StationTests
{
    internal static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly Area City = Area.Create("230100", "哈尔滨市", AreaLevel.City, null);
    private static readonly Area District = Area.Create("230103", "南岗区", AreaLevel.District, City);
    internal static readonly Area Street = Area.Create("230103001", "荣市街道", AreaLevel.Street, District);
    private static readonly Area Community = Area.Create("230103001001", "水滩社区", AreaLevel.Community, Street);

    internal static Station NewStation(bool legislative = false) =>
        Station.Create("ST-1", "荣市街道代表联络站", StationKind.Station, HostType.PartyServiceCenter, Street, null, new DateOnly(2019, 1, 1), legislative, Now);

    [Fact]
    public void Areas_carry_their_path_of_codes()
    {
        Assert.Equal("230100.230103.230103001.230103001001", Community.Path);
        Assert.True(District.Contains(Community));
        Assert.False(Street.Contains(District));
    }

    [Fact]
    public void A_new_station_has_all_eight_standards_unmet()
    {
        var s = NewStation();

        Assert.Equal(8, s.Standards.Count);
        Assert.Equal(0, s.StandardsMet);
        Assert.Equal("230100.230103.230103001", s.AreaPath);
    }

    [Theory]
    [InlineData(StationKind.Station, AreaLevel.Community)]
    [InlineData(StationKind.Point, AreaLevel.District)]
    [InlineData(StationKind.Station, AreaLevel.District)]
    public void A_station_sits_at_the_level_its_kind_allows(StationKind kind, AreaLevel level)
    {
        var area = level switch { AreaLevel.Community => Community, AreaLevel.Street => Street, _ => District };

        var e = Assert.Throws<DomainRuleException>(() => Station.Create("X", "站", kind, HostType.Other, area, null, new DateOnly(2020, 1, 1), false, Now));

        Assert.Equal("Station.AreaLevelNotAllowed", e.Rule);
    }

    [Fact]
    public void Standards_are_recorded_with_note_and_date()
    {
        var s = NewStation();

        s.RecordStandard(EightStandard.Venue, true, "面积80平方米", new DateOnly(2026, 5, 1), Now);
        s.RecordStandard(EightStandard.Funds, false, "经费未落实", new DateOnly(2026, 5, 1), Now);

        Assert.Equal(1, s.StandardsMet);
        var funds = s.Standards.Single(x => x.Standard == EightStandard.Funds);
        Assert.Equal("经费未落实", funds.Note);
        Assert.Equal(new DateOnly(2026, 5, 1), funds.CheckedOn);
    }

    [Fact]
    public void Closing_needs_a_reason_and_a_date_after_opening_and_can_be_undone()
    {
        var s = NewStation();

        Assert.Equal("Station.ClosedBeforeOpened", Assert.Throws<DomainRuleException>(() => s.Close(new DateOnly(2018, 1, 1), "撤并", Now)).Rule);
        Assert.Equal("Station.CloseReasonRequired", Assert.Throws<DomainRuleException>(() => s.Close(new DateOnly(2026, 1, 1), " ", Now)).Rule);
        s.Close(new DateOnly(2026, 1, 1), "街道合并", Now);
        Assert.False(s.IsActive);
        Assert.Equal("Station.AlreadyClosed", Assert.Throws<DomainRuleException>(() => s.Close(new DateOnly(2026, 1, 2), "再次", Now)).Rule);
        s.Reopen(Now);
        Assert.True(s.IsActive);
        Assert.Null(s.ClosedOn);
    }

    [Fact]
    public void Codes_are_letters_digits_and_dashes()
    {
        Assert.Equal("Station.CodeInvalid", Assert.Throws<DomainRuleException>(() => Station.Create("ST 1;", "站", StationKind.Station, HostType.Other, Street, null, new DateOnly(2020, 1, 1), false, Now)).Rule);
    }
}

public sealed class DeputyTests
{
    private static Deputy NewDeputy() => Deputy.Create("DP-1", "张建国", Gender.Male, DeputyLevels.City | DeputyLevels.County, "市十六届", null, "企业", "13800138000", StationTests.Now);

    [Fact]
    public void Levels_combine_and_are_required()
    {
        var d = NewDeputy();

        Assert.True(d.HoldsLevel(DeputyLevels.City));
        Assert.True(d.HoldsLevel(DeputyLevels.County));
        Assert.False(d.HoldsLevel(DeputyLevels.Township));
        Assert.Equal("Deputy.LevelRequired", Assert.Throws<DomainRuleException>(() => Deputy.Create("X", "某", Gender.Female, DeputyLevels.None, "届", null, null, null, StationTests.Now)).Rule);
    }

    [Fact]
    public void Moving_ends_the_old_assignment_the_day_before_and_keeps_history()
    {
        var d = NewDeputy();
        d.AssignTo(1, AssignmentRole.Chief, new DateOnly(2023, 1, 1), StationTests.Now);

        d.MoveTo(1, 2, AssignmentRole.Member, new DateOnly(2026, 3, 1), StationTests.Now);

        Assert.Equal(2, d.Assignments.Count);
        Assert.Equal(new DateOnly(2026, 2, 28), d.Assignments[0].To);
        Assert.True(d.Assignments[1].IsCurrent);
        Assert.Equal(2, d.Assignments[1].StationId);
    }

    [Fact]
    public void A_deputy_is_stationed_at_a_station_once_at_a_time()
    {
        var d = NewDeputy();
        d.AssignTo(1, AssignmentRole.Member, new DateOnly(2023, 1, 1), StationTests.Now);

        Assert.Equal("Assignment.AlreadyStationed", Assert.Throws<DomainRuleException>(() => d.AssignTo(1, AssignmentRole.Member, new DateOnly(2024, 1, 1), StationTests.Now)).Rule);
        d.EndAssignment(1, new DateOnly(2024, 6, 30), StationTests.Now);
        Assert.Equal("Assignment.OverlapsHistory", Assert.Throws<DomainRuleException>(() => d.AssignTo(1, AssignmentRole.Member, new DateOnly(2024, 6, 1), StationTests.Now)).Rule);
        d.AssignTo(1, AssignmentRole.Member, new DateOnly(2024, 7, 1), StationTests.Now);
        Assert.Equal(2, d.Assignments.Count);
    }

    [Fact]
    public void Ending_a_mandate_ends_current_assignments_and_blocks_new_ones()
    {
        var d = NewDeputy();
        d.AssignTo(1, AssignmentRole.Member, new DateOnly(2023, 1, 1), StationTests.Now);

        d.EndMandate(new DateOnly(2026, 10, 1), StationTests.Now);

        Assert.False(d.IsActive);
        Assert.All(d.Assignments, a => Assert.False(a.IsCurrent));
        Assert.Equal("Deputy.NotActive", Assert.Throws<DomainRuleException>(() => d.AssignTo(2, AssignmentRole.Member, new DateOnly(2026, 10, 2), StationTests.Now)).Rule);
    }

    [Fact]
    public void A_deputy_knows_whether_they_are_stationed_and_where_they_were_elected()
    {
        var province = LiaisonStations.Domain.Areas.Area.Create("230000", "黑龙江省", LiaisonStations.Domain.Areas.AreaLevel.Province, null);
        var city = LiaisonStations.Domain.Areas.Area.Create("230100", "哈尔滨市", LiaisonStations.Domain.Areas.AreaLevel.City, province);
        var d = Deputy.Create("DP-2", "李秀英", Gender.Female, DeputyLevels.City, "市十六届", city, null, null, StationTests.Now);
        Assert.Equal("230000.230100", d.ConstituencyPath);
        Assert.False(d.IsStationed);

        d.AssignTo(1, AssignmentRole.Member, new DateOnly(2023, 1, 1), StationTests.Now);
        Assert.True(d.IsStationed);
        d.MoveTo(1, 2, AssignmentRole.Member, new DateOnly(2024, 1, 1), StationTests.Now);
        Assert.True(d.IsStationed);
        d.AssignTo(3, AssignmentRole.Member, new DateOnly(2024, 2, 1), StationTests.Now);
        d.EndAssignment(2, new DateOnly(2024, 6, 30), StationTests.Now);
        Assert.True(d.IsStationed);                               // still at station 3
        d.EndAssignment(3, new DateOnly(2024, 6, 30), StationTests.Now);
        Assert.False(d.IsStationed);

        d.AssignTo(1, AssignmentRole.Member, new DateOnly(2025, 1, 1), StationTests.Now);
        d.EndMandate(new DateOnly(2026, 1, 1), StationTests.Now);
        Assert.False(d.IsStationed);

        d.Update(d.Name, d.Gender, d.Levels, d.Term, null, null, null, StationTests.Now);
        Assert.Null(d.ConstituencyPath);
    }
}

public sealed class ReceptionDayTests
{
    private static ReceptionDay Planned(ReceptionDayType type = ReceptionDayType.Reception) =>
        ReceptionDay.Plan(1, new DateOnly(2026, 11, 15), type, type == ReceptionDayType.ThemedReception ? "供暖" : null, new TimeOnly(9, 0), new TimeOnly(11, 30), [1, 2, 3], StationTests.Now);

    [Fact]
    public void Holding_records_who_came_including_unplanned_deputies()
    {
        var day = Planned();

        day.RecordHeld([1, 3, 7], [new AttendingOfficial("王科长", 5, "科长")], 12, "接待群众12人次", StationTests.Now);

        Assert.Equal(ReceptionDayStatus.Held, day.Status);
        Assert.Equal(3, day.DeputiesAttended);
        Assert.Equal([1, 3, 7], day.Deputies.Where(d => d.Attended).Select(d => d.DeputyId).Order());
        Assert.False(day.Deputies.Single(d => d.DeputyId == 7).Planned);
        Assert.Single(day.Officials);
        Assert.Equal(12, day.CitizensReceived);
    }

    [Fact]
    public void A_day_still_to_come_is_not_held_nor_recorded_from_paper()
    {
        var tomorrow = ReceptionDay.Plan(1, new DateOnly(2026, 11, 21), ReceptionDayType.Reception, null, null, null, [1], StationTests.Now);

        Assert.Equal("ReceptionDay.HeldInFuture", Assert.Throws<DomainRuleException>(() => tomorrow.RecordHeld([1], [], 3, null, StationTests.Now)).Rule);
        Assert.Equal("ReceptionDay.HeldInFuture", Assert.Throws<DomainRuleException>(() => ReceptionDay.RecordPast("RD-1", 1, new DateOnly(2026, 12, 1), ReceptionDayType.Reception, null, [], 3, StationTests.Now)).Rule);
        tomorrow.RecordHeld([1], [], 3, null, StationTests.Now.AddDays(1));
        Assert.Equal(ReceptionDayStatus.Held, tomorrow.Status);
    }

    [Fact]
    public void Only_planned_days_are_cancelled_and_cancelled_days_are_not_held()
    {
        var day = Planned();
        day.Cancel("暴雪", StationTests.Now);

        Assert.Equal("ReceptionDay.OnlyPlannedCanBeCancelled", Assert.Throws<DomainRuleException>(() => day.Cancel("再取消", StationTests.Now)).Rule);
        Assert.Equal("ReceptionDay.Cancelled", Assert.Throws<DomainRuleException>(() => day.RecordHeld([1], [], 3, null, StationTests.Now)).Rule);
    }

    [Fact]
    public void A_themed_reception_needs_a_theme()
    {
        Assert.Equal("ReceptionDay.ThemeRequired", Assert.Throws<DomainRuleException>(() => ReceptionDay.Plan(1, new DateOnly(2026, 1, 1), ReceptionDayType.ThemedReception, null, null, null, [], StationTests.Now)).Rule);
    }

    [Fact]
    public void Duty_report_votes_belong_to_a_present_deputy_and_cannot_exceed_attendance()
    {
        var day = Planned(ReceptionDayType.DutyReport);
        Assert.Equal("DutyReport.NotHeld", Assert.Throws<DomainRuleException>(() => day.RecordDutyReportVotes(1, 1, 0, 0, StationTests.Now)).Rule);
        day.RecordHeld([1], [], 30, null, StationTests.Now);

        Assert.Equal("DutyReport.DeputyNotPresent", Assert.Throws<DomainRuleException>(() => day.RecordDutyReportVotes(2, 1, 0, 0, StationTests.Now)).Rule);
        Assert.Equal("DutyReport.MoreVotesThanAttendees", Assert.Throws<DomainRuleException>(() => day.RecordDutyReportVotes(1, 20, 10, 1, StationTests.Now)).Rule);
        day.RecordDutyReportVotes(1, 20, 6, 2, StationTests.Now);

        var entry = day.DutyReports.Single();
        Assert.Equal(28, entry.TotalVotes);
        Assert.Equal(26m / 28m, entry.SatisfactionRate);
    }

    [Fact]
    public void Votes_are_only_for_duty_reports()
    {
        var day = Planned();
        day.RecordHeld([1], [], 5, null, StationTests.Now);

        Assert.Equal("DutyReport.NotADutyReport", Assert.Throws<DomainRuleException>(() => day.RecordDutyReportVotes(1, 1, 0, 0, StationTests.Now)).Rule);
    }
}

public sealed class HonourTests
{
    [Fact]
    public void A_star_rating_goes_through_every_stage_in_order()
    {
        var rating = StationStarRating.Nominate(1, 2026, 3, "推荐", StationTests.Now);

        Assert.Equal("Honour.IllegalStep", Assert.Throws<DomainRuleException>(() => rating.RecordPublicVotes(100)).Rule);
        rating.PassInitialReview();
        rating.RecordPublicVotes(1200);
        rating.DecideByPanel(2, "降为二星");
        Assert.Equal("Honour.IllegalStep", Assert.Throws<DomainRuleException>(() => rating.PassInitialReview()).Rule);
        rating.Approve(StationTests.Now);

        Assert.Equal(HonourStage.Approved, rating.Stage);
        Assert.Equal(2, rating.Stars);
        Assert.Equal("Honour.AlreadyDecided", Assert.Throws<DomainRuleException>(() => rating.Reject("不同意", StationTests.Now)).Rule);
    }

    [Fact]
    public void One_step_verb_takes_stations_and_deputies_through_the_same_selection()
    {
        var rating = StationStarRating.Nominate(1, 2026, 3, null, StationTests.Now);
        var deputy = StarDeputy.Nominate(9, 2026, null, StationTests.Now);
        foreach (AnnualHonour honour in new AnnualHonour[] { rating, deputy })
        {
            honour.Take(HonourStep.Review, null, null, null, StationTests.Now);
            Assert.Equal("Honour.VotesMissing", Assert.Throws<DomainRuleException>(() => honour.Take(HonourStep.Votes, null, null, null, StationTests.Now)).Rule);
            honour.Take(HonourStep.Votes, 800, null, null, StationTests.Now);
            honour.Take(HonourStep.Panel, null, null, "通过", StationTests.Now);
            Assert.Equal("Honour.StepUnknown", Assert.Throws<DomainRuleException>(() => honour.Take((HonourStep)99, null, null, null, StationTests.Now)).Rule);
            honour.Take(HonourStep.Approve, null, null, null, StationTests.Now);
            Assert.Equal(HonourStage.Approved, honour.Stage);
        }

        // The panel keeps the proposed stars unless it says otherwise.
        Assert.Equal(3, rating.Stars);
        var lowered = StationStarRating.Nominate(2, 2026, 3, null, StationTests.Now);
        lowered.Take(HonourStep.Review, null, null, null, StationTests.Now);
        lowered.Take(HonourStep.Votes, 10, null, null, StationTests.Now);
        lowered.Take(HonourStep.Panel, null, 1, null, StationTests.Now);
        Assert.Equal(1, lowered.Stars);
    }

    [Fact]
    public void Stars_are_one_to_three()
    {
        Assert.Equal("Rating.StarsOutOfRange", Assert.Throws<DomainRuleException>(() => StationStarRating.Nominate(1, 2026, 4, null, StationTests.Now)).Rule);
    }

    [Fact]
    public void A_star_deputy_can_be_rejected_with_a_reason()
    {
        var honour = StarDeputy.Nominate(9, 2026, null, StationTests.Now);
        honour.PassInitialReview();

        honour.Reject("票数不足", StationTests.Now);

        Assert.Equal(HonourStage.Rejected, honour.Stage);
        Assert.Equal("票数不足", honour.RejectionReason);
    }
}

public sealed class LegislativeConsultationTests
{
    [Fact]
    public void Only_a_legislative_contact_point_consults()
    {
        Assert.Equal("Consultation.NotAContactPoint", Assert.Throws<DomainRuleException>(() => LegislativeConsultation.Open(StationTests.NewStation(), "条例草案", null, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30))).Rule);
    }

    [Fact]
    public void Opinions_are_taken_within_the_period_then_summarised_after_closing()
    {
        var c = LegislativeConsultation.Open(StationTests.NewStation(legislative: true), "物业管理条例（修订草案）", null, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
        var clerk = new Actor("u", "联络员");

        Assert.Equal("Consultation.OutsidePeriod", Assert.Throws<DomainRuleException>(() => c.AddOpinion("意见", "居民", new DateOnly(2026, 12, 1), clerk)).Rule);
        c.AddOpinion("建议明确物业退出机制", "居民张某", new DateOnly(2026, 11, 5), clerk);
        Assert.Equal("Consultation.MustBeClosedFirst", Assert.Throws<DomainRuleException>(() => c.SubmitSummary("汇总", StationTests.Now)).Rule);
        c.Close();
        Assert.Equal("Consultation.NotOpen", Assert.Throws<DomainRuleException>(() => c.AddOpinion("迟到的意见", null, new DateOnly(2026, 11, 6), clerk)).Rule);
        c.SubmitSummary("共收集意见1条", StationTests.Now);

        Assert.Equal(ConsultationStatus.SummarySubmitted, c.Status);
        Assert.Single(c.Opinions);
    }
}

public sealed class PersonalDataTests
{
    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("0451-84561234", "045******1234")]
    [InlineData("12", "**")]
    [InlineData(null, null)]
    public void Phone_numbers_keep_the_first_three_and_last_four(string? phone, string? masked)
    {
        Assert.Equal(masked, PersonalData.MaskPhone(phone));
    }

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("欧阳修文", "欧***")]
    [InlineData("李", "*")]
    public void Names_keep_the_family_name(string name, string masked)
    {
        Assert.Equal(masked, PersonalData.MaskName(name));
    }
}
