using LiaisonStations.Domain.Common;

namespace LiaisonStations.Domain.Stations;

/// <summary>星级联络站: the annual 1–3 star rating of a station.</summary>
public sealed class StationStarRating : AnnualHonour
{
    private StationStarRating()
    {
    }

    public int StationId { get; private set; }

    public int ProposedStars { get; private set; }

    /// <summary>Stars decided by the panel; final once the rating is approved.</summary>
    public int? Stars { get; private set; }

    public static StationStarRating Nominate(int stationId, int year, int proposedStars, string? reason, DateTimeOffset now)
    {
        Check.That(proposedStars is >= 1 and <= 3, "Rating.StarsOutOfRange", proposedStars);
        var rating = new StationStarRating { StationId = stationId, ProposedStars = proposedStars };
        rating.StartNomination(year, reason, now);
        return rating;
    }

    protected override void DecideByPanel(int? stars, string? note) => DecideByPanel(stars ?? ProposedStars, note);

    public void DecideByPanel(int stars, string? note)
    {
        Check.That(stars is >= 1 and <= 3, "Rating.StarsOutOfRange", stars);
        RecordPanelDecision(note);
        Stars = stars;
    }
}
