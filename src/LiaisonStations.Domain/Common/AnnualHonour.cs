namespace LiaisonStations.Domain.Common;

/// <summary>Stages of an annual honour: district nominates › city initial review › public vote › panel › approved.</summary>
public enum HonourStage
{
    Nominated = 1,
    InitialReviewPassed = 2,
    VotesCounted = 3,
    PanelDecided = 4,
    Approved = 5,
    Rejected = 6,
}

/// <summary>The steps the city takes on a nomination, in order (a rejection may come at any of them).</summary>
public enum HonourStep
{
    Review = 1,
    Votes = 2,
    Panel = 3,
    Approve = 4,
    Reject = 5,
}

/// <summary>Reads a step as the review page posts it (its name; numbers and unknown names are no step).</summary>
public static class HonourSteps
{
    public static bool TryParse(string? text, out HonourStep step) =>
        Enum.TryParse(text, ignoreCase: false, out step) && Enum.IsDefined(step) && !int.TryParse(text, out _);
}

/// <summary>
/// The annual selection procedure shared by star stations (星级联络站) and star deputies (明星代表).
/// Each step is only possible from the one before it; a rejection ends the procedure.
/// </summary>
public abstract class AnnualHonour
{
    protected AnnualHonour()
    {
    }

    public int Id { get; private set; }

    public int Year { get; private set; }

    public HonourStage Stage { get; private set; }

    public string? NominationReason { get; private set; }

    public int? PublicVotes { get; private set; }

    public string? PanelNote { get; private set; }

    public string? RejectionReason { get; private set; }

    public DateTimeOffset NominatedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public uint Version { get; private set; }

    protected void StartNomination(int year, string? reason, DateTimeOffset now)
    {
        Check.That(year is >= 2000 and <= 2100, "Honour.YearOutOfRange", year);
        Year = year;
        Stage = HonourStage.Nominated;
        NominationReason = Check.OptionalText(reason, 1000);
        NominatedAt = ChinaTime.Utc(now);
    }

    /// <summary>
    /// One step of the selection, as the review page offers them. <paramref name="stars"/> is the panel's star
    /// count where the honour has one (stations); the number of public votes is required for the vote step.
    /// </summary>
    public void Take(HonourStep step, int? votes, int? stars, string? note, DateTimeOffset now)
    {
        switch (step)
        {
            case HonourStep.Review:
                PassInitialReview();
                break;
            case HonourStep.Votes:
                RecordPublicVotes(votes ?? throw new DomainRuleException("Honour.VotesMissing"));
                break;
            case HonourStep.Panel:
                DecideByPanel(stars, note);
                break;
            case HonourStep.Approve:
                Approve(now);
                break;
            case HonourStep.Reject:
                Reject(note ?? string.Empty, now);
                break;
            default:
                throw new DomainRuleException("Honour.StepUnknown");
        }
    }

    /// <summary>The panel's decision; a station's also sets its stars (null keeps the proposed number).</summary>
    protected abstract void DecideByPanel(int? stars, string? note);

    public void PassInitialReview()
    {
        Advance(HonourStage.Nominated, HonourStage.InitialReviewPassed);
    }

    public void RecordPublicVotes(int votes)
    {
        Check.That(votes >= 0, "Honour.VotesNegative");
        Advance(HonourStage.InitialReviewPassed, HonourStage.VotesCounted);
        PublicVotes = votes;
    }

    protected void RecordPanelDecision(string? note)
    {
        Advance(HonourStage.VotesCounted, HonourStage.PanelDecided);
        PanelNote = Check.OptionalText(note, 1000);
    }

    public void Approve(DateTimeOffset now)
    {
        Advance(HonourStage.PanelDecided, HonourStage.Approved);
        DecidedAt = ChinaTime.Utc(now);
    }

    public void Reject(string reason, DateTimeOffset now)
    {
        Check.That(Stage is not (HonourStage.Approved or HonourStage.Rejected), "Honour.AlreadyDecided", Stage);
        RejectionReason = Check.Text(reason, 1000, "Honour.RejectionReasonRequired");
        Stage = HonourStage.Rejected;
        DecidedAt = ChinaTime.Utc(now);
    }

    private void Advance(HonourStage from, HonourStage to)
    {
        Check.That(Stage == from, "Honour.IllegalStep", Stage, to);
        Stage = to;
    }
}
