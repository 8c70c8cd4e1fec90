using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Stations;

namespace LiaisonStations.Domain.Consultations;

public enum ConsultationStatus
{
    Open = 1,
    Closed = 2,

    /// <summary>The summary of opinions went up to the legislature.</summary>
    SummarySubmitted = 3,
}

/// <summary>
/// 立法征求意见: a draft regulation put to citizens at a legislative contact point for a period; the
/// opinions collected there are summarised and sent upward.
/// </summary>
public sealed class LegislativeConsultation
{
    private readonly List<ConsultationOpinion> _opinions = [];

    private LegislativeConsultation()
    {
        DraftTitle = string.Empty;
    }

    public int Id { get; private set; }

    public int StationId { get; private set; }

    public string DraftTitle { get; private set; }

    public string? Description { get; private set; }

    public DateOnly OpensOn { get; private set; }

    public DateOnly ClosesOn { get; private set; }

    public ConsultationStatus Status { get; private set; }

    public string? Summary { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public uint Version { get; private set; }

    public IReadOnlyList<ConsultationOpinion> Opinions => _opinions;

    public static LegislativeConsultation Open(Station station, string draftTitle, string? description, DateOnly opensOn, DateOnly closesOn)
    {
        Check.That(station.IsLegislativeContactPoint, "Consultation.NotAContactPoint", station.Code);
        Check.That(station.IsActive, "Consultation.StationClosed", station.Code);
        Check.That(closesOn >= opensOn, "Consultation.ClosesBeforeOpens");
        return new LegislativeConsultation
        {
            StationId = station.Id,
            DraftTitle = Check.Text(draftTitle, 200, "Consultation.TitleRequired"),
            Description = Check.OptionalText(description, 4000),
            OpensOn = opensOn,
            ClosesOn = closesOn,
            Status = ConsultationStatus.Open,
        };
    }

    public void AddOpinion(string text, string? fromWhom, DateOnly receivedOn, Actor actor)
    {
        Check.That(Status == ConsultationStatus.Open, "Consultation.NotOpen");
        Check.That(receivedOn >= OpensOn && receivedOn <= ClosesOn, "Consultation.OutsidePeriod", receivedOn);
        _opinions.Add(new ConsultationOpinion(Check.Text(text, 4000, "Consultation.OpinionRequired"), Check.OptionalText(fromWhom, 100), receivedOn, actor.Name));
    }

    public void Close()
    {
        Check.That(Status == ConsultationStatus.Open, "Consultation.NotOpen");
        Status = ConsultationStatus.Closed;
    }

    public void SubmitSummary(string summary, DateTimeOffset now)
    {
        Check.That(Status == ConsultationStatus.Closed, "Consultation.MustBeClosedFirst");
        Summary = Check.Text(summary, 20_000, "Consultation.SummaryRequired");
        SubmittedAt = ChinaTime.Utc(now);
        Status = ConsultationStatus.SummarySubmitted;
    }
}

public sealed class ConsultationOpinion
{
    internal ConsultationOpinion(string text, string? fromWhom, DateOnly receivedOn, string recordedBy)
    {
        Text = text;
        FromWhom = fromWhom;
        ReceivedOn = receivedOn;
        RecordedBy = recordedBy;
    }

    private ConsultationOpinion()
    {
        Text = string.Empty;
        RecordedBy = string.Empty;
    }

    public int Id { get; private set; }

    public string Text { get; private set; }

    public string? FromWhom { get; private set; }

    public DateOnly ReceivedOn { get; private set; }

    public string RecordedBy { get; private set; }
}
