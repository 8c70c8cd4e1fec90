using LiaisonStations.Domain.Common;

namespace LiaisonStations.Domain.Voting;

/// <summary>Which honour a voting round is about.</summary>
public enum HonourKind
{
    /// <summary>星级联络站</summary>
    StationStars = 1,

    /// <summary>明星代表</summary>
    StarDeputies = 2,
}

/// <summary>
/// 网上投票: city staff open a window in which the public votes on the nominations of one year that passed the initial
/// review; one vote per mobile number per round, confirmed by a one-time code. After the window closes the counts are
/// entered into the nominations' public-vote stage (one input of the panel).
/// </summary>
public sealed class VotingRound
{
    public const int MaxTitleLength = 100;

    private readonly List<VotingNominee> _nominees = [];

    private VotingRound()
    {
        Title = CreatedBy = string.Empty;
    }

    public int Id { get; private set; }

    public HonourKind Kind { get; private set; }

    public int Year { get; private set; }

    public string Title { get; private set; }

    public DateOnly OpensOn { get; private set; }

    public DateOnly ClosesOn { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; }

    /// <summary>When the counts were entered into the nominations; the round takes no vote after that.</summary>
    public DateTimeOffset? CountedAt { get; private set; }

    public uint Version { get; private set; }

    public IReadOnlyList<VotingNominee> Nominees => _nominees;

    public static VotingRound Open(HonourKind kind, int year, string title, DateOnly opensOn, DateOnly closesOn, IReadOnlyCollection<int> honourIds, Actor actor, DateTimeOffset now)
    {
        Check.That(Enum.IsDefined(kind), "Voting.KindUnknown");
        Check.That(year is >= 2000 and <= 2100, "Honour.YearOutOfRange", year);
        Check.That(closesOn >= opensOn && closesOn.DayNumber - opensOn.DayNumber <= 90, "Voting.DatesInvalid");
        Check.That(closesOn >= ChinaTime.DateOf(now), "Voting.ClosesInPast");
        Check.That(honourIds.Count > 0, "Voting.NoNominees");
        var round = new VotingRound
        {
            Kind = kind,
            Year = year,
            Title = Check.Text(title, MaxTitleLength, "Voting.TitleRequired"),
            OpensOn = opensOn,
            ClosesOn = closesOn,
            CreatedAt = ChinaTime.Utc(now),
            CreatedBy = actor.Name,
        };
        round._nominees.AddRange(honourIds.Distinct().Select(id => new VotingNominee(id)));
        return round;
    }

    public bool IsOpenOn(DateOnly today) => CountedAt is null && OpensOn <= today && today <= ClosesOn;

    /// <summary>Whether the round is over and its counts can be entered into the nominations.</summary>
    public bool CanBeCounted(DateOnly today) => CountedAt is null && today > ClosesOn;

    public bool Includes(int honourId) => _nominees.Any(n => n.HonourId == honourId);

    /// <summary>Marks the counts as entered (the caller records each nominee's count on its nomination).</summary>
    public void MarkCounted(DateTimeOffset now)
    {
        Check.That(CanBeCounted(ChinaTime.DateOf(now)), "Voting.NotOverYet", ClosesOn);
        CountedAt = ChinaTime.Utc(now);
    }
}

/// <summary>A nomination on the ballot of a round (a StationStarRating or a StarDeputy, by its id).</summary>
public sealed class VotingNominee
{
    internal VotingNominee(int honourId) => HonourId = honourId;

    private VotingNominee()
    {
    }

    public int Id { get; private set; }

    public int HonourId { get; private set; }
}

/// <summary>One confirmed vote: the round, the nomination, and the voter's phone as a hash salted with the round (never the number).</summary>
public sealed class PublicVote
{
    private PublicVote()
    {
        PhoneHash = string.Empty;
    }

    public long Id { get; private set; }

    public int RoundId { get; private set; }

    public int HonourId { get; private set; }

    public string PhoneHash { get; private set; }

    public DateTimeOffset CastAt { get; private set; }

    public static PublicVote Cast(VotingRound round, int honourId, string phoneHash, DateTimeOffset now)
    {
        Check.That(round.IsOpenOn(ChinaTime.DateOf(now)), "Voting.Closed");
        Check.That(round.Includes(honourId), "Voting.NotOnBallot");
        return new PublicVote { RoundId = round.Id, HonourId = honourId, PhoneHash = phoneHash, CastAt = ChinaTime.Utc(now) };
    }
}
