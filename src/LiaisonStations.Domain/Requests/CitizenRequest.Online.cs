using LiaisonStations.Domain.Common;

namespace LiaisonStations.Domain.Requests;

/// <summary>
/// The citizens' own side of a request (DESIGN §3.1): submitted on the public site, looked up with the tracking
/// code and the phone's last digits, evaluated by the citizen once per closing, and withdrawn as spam by a clerk.
/// </summary>
public sealed partial class CitizenRequest
{
    /// <summary>The most a citizen may write online (the staff's registration allows more).</summary>
    public const int OnlineTextMaxLength = 1000;

    /// <summary>The citizen agreed that the request, anonymised, may be published once resolved.</summary>
    public bool ConsentToPublish { get; private set; }

    /// <summary>
    /// Withdrawn by a clerk as spam: it never counts in any figure (it has no finishing date, and the request
    /// figures leave it out of "collected").
    /// </summary>
    public bool WithdrawnAsSpam { get; private set; }

    /// <summary>
    /// A request the citizen submitted on the public site (channel Online, registered by the citizen) or through a
    /// partner system (Open311: a WeChat mini-program, the 12345 hotline), with a mobile number, because the phone's last
    /// four digits are what the citizen looks it up with besides the code.
    /// </summary>
    public static CitizenRequest SubmitOnline(
        string trackingNumber,
        string trackingCode,
        int stationId,
        int categoryId,
        string text,
        CitizenContact citizen,
        bool consentToPublish,
        DateTimeOffset now,
        RequestChannel channel = RequestChannel.Online,
        Actor? submittedBy = null)
    {
        Check.That(!string.IsNullOrWhiteSpace(citizen.Phone) && PhoneNumber.IsMobile(citizen.Phone), "Request.OnlinePhoneRequired");
        Check.That(channel is RequestChannel.Online or RequestChannel.WeChat or RequestChannel.Phone, "Request.ChannelUnknown", channel);
        Check.Text(text, OnlineTextMaxLength, "Request.SummaryRequired");
        var request = Register(trackingNumber, trackingCode, stationId, null, channel, categoryId, text, citizen, submittedBy ?? Actor.Citizen, now);
        request.ConsentToPublish = consentToPublish;
        return request;
    }

    /// <summary>Whether these are the last four digits of the citizen's phone (digits only, compared in full).</summary>
    public bool PhoneEndsWith(string lastFour) =>
        lastFour.Length == 4 && lastFour.All(char.IsAsciiDigit) && CitizenPhone is { } phone
        && new string(phone.Where(char.IsAsciiDigit).ToArray()) is { Length: >= 4 } digits && digits.EndsWith(lastFour, StringComparison.Ordinal);

    /// <summary>Whether the citizen can evaluate now: the request waits for its closing evaluation.</summary>
    public bool AwaitsEvaluation => RequestWorkflow.IsAllowed(Status, RequestStatus.Closed);

    /// <summary>
    /// The citizen evaluates online (回访 by the citizen): closes the request like the clerk's step, recorded as the
    /// citizen's own evaluation; "unsatisfied" takes the request up again at once (DESIGN §3.1), so the station
    /// sees it back in its open work without waiting for someone to notice.
    /// </summary>
    public void EvaluateOnline(Evaluation evaluation, string? comment, DateTimeOffset now)
    {
        var text = Check.OptionalText(comment, NoteMaxLength);
        CloseWith(evaluation, text, EvaluationSource.CitizenOnline, Actor.Citizen, now);
        if (evaluation == Evaluation.Unsatisfied)
        {
            FinishedOn = null;
            ClosedOn = null;
            DueOn = null;
            MoveTo(RequestStatus.Reopened, RequestAction.Reopened, text, Actor.Citizen, now);
        }
    }

    /// <summary>
    /// 撤回 as spam (an online submission that is no request at all): withdrawn with the reason "spam", and left out
    /// of every figure — it has no finishing date and is not counted as collected.
    /// </summary>
    public void WithdrawAsSpam(string? note, Actor actor, DateTimeOffset now)
    {
        Check.That(Channel is RequestChannel.Online or RequestChannel.WeChat, "Request.SpamOnlyOnline");
        var remark = Check.OptionalText(note, NoteMaxLength);
        MoveTo(RequestStatus.Withdrawn, RequestAction.Withdrawn, remark is null ? SpamReason : SpamReason + " " + remark, actor, now);
        WithdrawnAsSpam = true;
    }

    /// <summary>The reason a spam withdrawal records (the timeline shows it in the reader's language).</summary>
    public const string SpamReason = "spam";
}
