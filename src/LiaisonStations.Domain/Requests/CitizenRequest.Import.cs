using LiaisonStations.Domain.Common;

namespace LiaisonStations.Domain.Requests;

/// <summary>Requests that come from a station's paper ledger (DESIGN §7): created and updated as recorded.</summary>
public sealed partial class CitizenRequest
{
    /// <summary>
    /// A request from the paper ledger (DESIGN §7): its status is taken as recorded, because that history
    /// predates the system; one Imported event marks where the record came from.
    /// </summary>
    public static CitizenRequest Import(string code, string trackingCode, RecordedRequest recorded, Actor actor, DateTimeOffset now)
    {
        var request = new CitizenRequest
        {
            TrackingNumber = Check.Text(code, 40, "Request.TrackingNumberRequired"),
            TrackingCode = trackingCode,
        };
        request.Apply(recorded, now);
        request._events.Add(new RequestEvent(RequestAction.Imported, null, request.Status, null, actor, now));
        return request;
    }

    /// <summary>Re-import of the same code: the recorded values replace the previous ones (upsert). Returns whether anything changed.</summary>
    public bool UpdateFromImport(RecordedRequest recorded, Actor actor, DateTimeOffset now)
    {
        var before = Recorded;
        if (before == recorded)
        {
            return false;
        }

        Apply(recorded, now);
        _events.Add(new RequestEvent(RequestAction.ImportUpdated, before.Status, Status, null, actor, now));
        return true;
    }

    /// <summary>The values an import carries, as they stand now.</summary>
    public RecordedRequest Recorded => new(StationId, ReceptionDayId, RegisteredOn, Channel, CategoryId, Summary, Status, ResolvedOn, LatestEvaluation);

    private void Apply(RecordedRequest r, DateTimeOffset now)
    {
        Check.That(Enum.IsDefined(r.Channel), "Request.ChannelUnknown", r.Channel);
        Check.That(Enum.IsDefined(r.Status), "Request.StatusUnknown", r.Status);
        Check.That(r.ResolvedOn is null || r.ResolvedOn >= r.RegisteredOn, "Request.ResolvedBeforeRegistered");
        Check.That(
            r.Evaluation is null || r.Status is RequestStatus.Closed or RequestStatus.Reopened,
            "Request.EvaluationOnlyWhenClosed",
            r.Status);
        StationId = r.StationId;
        foreach (var evaluation in _evaluations)
        {
            evaluation.StationId = r.StationId;
        }

        ReceptionDayId = r.ReceptionDayId;
        RegisteredOn = r.RegisteredOn;
        RegisteredAt = ChinaTime.StartOf(r.RegisteredOn);
        Channel = r.Channel;
        CategoryId = r.CategoryId;
        Summary = Check.Text(r.Summary, MaxSummaryLength, "Request.SummaryRequired");
        Status = r.Status;
        ResolvedOn = r.ResolvedOn;
        FinishedOn = RequestWorkflow.IsOpen(r.Status) ? null : r.ResolvedOn ?? r.RegisteredOn;
        ClosedOn = r.Status == RequestStatus.Closed ? r.ResolvedOn ?? r.RegisteredOn : null;
        LatestEvaluation = r.Evaluation;
        if (r.Evaluation is { } e && r.Status == RequestStatus.Closed)
        {
            ClosingRound = Math.Max(ClosingRound, 1);
            _evaluations.RemoveAll(x => x.Round == ClosingRound);
            _evaluations.Add(new RequestEvaluation(StationId, ClosingRound, e, null, EvaluationSource.Clerk, Actor.System, now));
        }

        UpdatedAt = ChinaTime.Utc(now);
    }
}

/// <summary>A request as recorded in a ledger being imported (DESIGN §7, requests.csv).</summary>
public sealed record RecordedRequest(
    int StationId,
    int? ReceptionDayId,
    DateOnly RegisteredOn,
    RequestChannel Channel,
    int CategoryId,
    string Summary,
    RequestStatus Status,
    DateOnly? ResolvedOn,
    Evaluation? Evaluation);
