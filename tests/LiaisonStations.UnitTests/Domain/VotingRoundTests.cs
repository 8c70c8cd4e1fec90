using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Voting;

namespace LiaisonStations.UnitTests.Domain;

/// <summary>网上投票: a round's window, its ballot, and when it may be counted.</summary>
public sealed class VotingRoundTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly Actor City = new("u", "市人大");

    private static VotingRound Round() =>
        VotingRound.Open(HonourKind.StationStars, 2026, "星级联络站投票", new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 27), [1, 2, 2], City, Now);

    [Fact]
    public void A_round_takes_votes_in_its_window_for_its_nominees_only()
    {
        var round = Round();
        Assert.Equal([1, 2], round.Nominees.Select(n => n.HonourId));
        Assert.True(round.IsOpenOn(new DateOnly(2026, 11, 27)));
        Assert.False(round.IsOpenOn(new DateOnly(2026, 11, 28)));
        Assert.False(round.IsOpenOn(new DateOnly(2026, 11, 19)));
        PublicVote.Cast(round, 1, "hash", Now);
        Assert.Equal("Voting.NotOnBallot", Assert.Throws<DomainRuleException>(() => PublicVote.Cast(round, 3, "hash", Now)).Rule);
        Assert.Equal("Voting.Closed", Assert.Throws<DomainRuleException>(() => PublicVote.Cast(round, 1, "hash", Now.AddDays(8))).Rule);
    }

    [Fact]
    public void A_round_is_counted_once_and_only_after_it_closes()
    {
        var round = Round();
        Assert.False(round.CanBeCounted(new DateOnly(2026, 11, 27)));
        Assert.Equal("Voting.NotOverYet", Assert.Throws<DomainRuleException>(() => round.MarkCounted(Now)).Rule);
        round.MarkCounted(Now.AddDays(8));
        Assert.False(round.CanBeCounted(new DateOnly(2026, 12, 30)));
        Assert.False(round.IsOpenOn(new DateOnly(2026, 11, 21)));
        Assert.Throws<DomainRuleException>(() => round.MarkCounted(Now.AddDays(9)));
    }

    [Fact]
    public void A_round_needs_nominees_a_title_and_sensible_dates()
    {
        Assert.Equal("Voting.NoNominees", Assert.Throws<DomainRuleException>(() => VotingRound.Open(HonourKind.StarDeputies, 2026, "x", new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 27), [], City, Now)).Rule);
        Assert.Equal("Voting.DatesInvalid", Assert.Throws<DomainRuleException>(() => VotingRound.Open(HonourKind.StarDeputies, 2026, "x", new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 20), [1], City, Now)).Rule);
        Assert.Equal("Voting.ClosesInPast", Assert.Throws<DomainRuleException>(() => VotingRound.Open(HonourKind.StarDeputies, 2026, "x", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 10), [1], City, Now)).Rule);
        Assert.Equal("Voting.TitleRequired", Assert.Throws<DomainRuleException>(() => VotingRound.Open(HonourKind.StarDeputies, 2026, " ", new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 27), [1], City, Now)).Rule);
    }
}
