using LiaisonStations.Domain.Calendar;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Infrastructure.Caching;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Requests;

/// <summary>
/// One request with its full timeline. The citizen's contact is shown masked unless the user handles the
/// request; staff with oversight may unmask it, which is audited.
/// </summary>
public sealed class DetailsModel(AppDbContext db, CurrentUser me, ReferenceData reference, CalendarProvider calendars, AuditTrail audit, TimeProvider clock) : PageModel
{
    public CitizenRequest Item { get; private set; } = null!;

    public string StationName { get; private set; } = string.Empty;

    public string CategoryName { get; private set; } = string.Empty;

    public IReadOnlyDictionary<int, string> DeputyNames { get; private set; } = new Dictionary<int, string>();

    public IReadOnlyDictionary<int, string> DepartmentNames { get; private set; } = new Dictionary<int, string>();

    /// <summary>Names of every category, for the timeline's category changes.</summary>
    public IReadOnlyDictionary<int, string> CategoryNames { get; private set; } = new Dictionary<int, string>();

    public PersonalDataView ContactView { get; private set; }

    public bool ShowClear { get; private set; }

    public DueState Due { get; private set; }

    /// <summary>The steps this user may take on the request now.</summary>
    public IReadOnlyList<RequestStep> Steps { get; private set; } = [];

    /// <summary>The photos the citizen attached online (ids; the pictures come from <see cref="OnGetPhotoAsync"/>).</summary>
    public IReadOnlyList<long> PhotoIds { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>A photo of the request, only for people who may see the request (the same scope as the page).</summary>
    public async Task<IActionResult> OnGetPhotoAsync(long id, long photo, CancellationToken ct)
    {
        if (!await db.CitizenRequests.AsNoTracking().VisibleTo(me, db.Stations).AnyAsync(r => r.Id == id, ct))
        {
            return NotFound();
        }

        var picture = await db.RequestPhotos.AsNoTracking().Where(p => p.Id == photo && p.CitizenRequestId == id)
            .Select(p => new { p.ContentType, p.Content }).FirstOrDefaultAsync(ct);
        if (picture is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, max-age=3600";
        return File(picture.Content, picture.ContentType);
    }

    /// <summary>Who took a step, in the reader's language for the citizen's own steps.</summary>
    public static string ActorOf(RequestEvent e, Microsoft.Extensions.Localization.IStringLocalizer l) =>
        e.ActorUserId is null && e.ActorName == Actor.Citizen.Name ? l["Timeline.Citizen"] : e.ActorName;

    /// <summary>The note of a step; a spam withdrawal says so in the reader's language.</summary>
    public static string? NoteOf(RequestEvent e, Microsoft.Extensions.Localization.IStringLocalizer l) =>
        e.Action == RequestAction.Withdrawn && e.Note is { } note && (note == CitizenRequest.SpamReason || note.StartsWith(CitizenRequest.SpamReason + " ", StringComparison.Ordinal))
            ? l["Request.SpamReason"] + note[CitizenRequest.SpamReason.Length..]
            : CitizenRequest.RemarkOf(e);

    /// <summary>
    /// Whom or what a timeline entry concerns: the deputies an assignment named, the department of a referral or a
    /// send-back, the citizen's evaluation at a closing. They were saved in the same change, so at the same instant.
    /// </summary>
    public string? SubjectOf(RequestEvent e, Microsoft.Extensions.Localization.IStringLocalizer l)
    {
        static bool Same(DateTimeOffset? a, DateTimeOffset b) => a is { } x && Math.Abs((x - b).TotalSeconds) < 1;
        return e.Action switch
        {
            RequestAction.Assigned or RequestAction.DeputiesAdded => string.Join("、", Item.Deputies.Where(d => Same(d.AssignedAt, e.At)).Select(d => DeputyNames.GetValueOrDefault(d.DeputyId) ?? "?")) is { Length: > 0 } names ? names : null,
            RequestAction.Referred => Item.Referrals.Where(f => Same(f.ReferredAt, e.At)).Select(f => DepartmentNames.GetValueOrDefault(f.DepartmentId)).FirstOrDefault(),
            RequestAction.SentBack => Item.Referrals.Where(f => Same(f.ReturnedAt, e.At)).Select(f => DepartmentNames.GetValueOrDefault(f.DepartmentId)).FirstOrDefault(),
            RequestAction.Replied => Item.Referrals.Where(f => Same(f.RepliedAt, e.At)).Select(f => DepartmentNames.GetValueOrDefault(f.DepartmentId)).FirstOrDefault(),
            RequestAction.CategoryChanged => CitizenRequest.PreviousCategoryOf(e) is { } from
                ? l["Timeline.CategoryFromTo", CategoryNames.GetValueOrDefault(from) ?? "?", CategoryNames.GetValueOrDefault(Item.CategoryId) ?? "?"].Value
                : null,
            RequestAction.Closed => Item.Evaluations.Where(v => Same(v.EvaluatedAt, e.At))
                .Select(v => l[$"Timeline.Evaluation", l[$"Enum.Evaluation.{v.Evaluation}"]].Value + (v.Source == EvaluationSource.CitizenOnline ? l["Timeline.EvaluatedOnline"].Value : string.Empty)).FirstOrDefault(),
            _ => null,
        };
    }

    /// <summary>Shows the citizen's contact in clear for this one response, and records who looked.</summary>
    public async Task<IActionResult> OnPostUnmaskAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (ContactView != PersonalDataView.MaskedUnmaskable)
        {
            await audit.WriteAsync("Request.Unmasked", "CitizenRequest", Item.TrackingNumber, AuditResult.Denied, null);
            return Forbid();
        }

        await audit.WriteAsync("Request.Unmasked", "CitizenRequest", Item.TrackingNumber, AuditResult.Success, null);
        ShowClear = true;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var request = await db.CitizenRequests.AsNoTracking().VisibleTo(me, db.Stations).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return false;
        }

        Item = request;
        StationName = await db.Stations.Where(s => s.Id == request.StationId).Select(s => s.Name).FirstAsync(ct);
        var deputyIds = request.Deputies.Select(d => d.DeputyId).ToList();
        DeputyNames = await db.Deputies.Where(d => deputyIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var departmentIds = request.Referrals.Select(f => f.DepartmentId).Distinct().ToList();
        DepartmentNames = await db.Departments.Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        CategoryNames = (await reference.CategoriesAsync(ct)).ToDictionary(c => c.Id, c => c.Label);
        // A category added on another instance in the last minute is not in the shared list yet.
        CategoryName = CategoryNames.GetValueOrDefault(request.CategoryId)
            ?? await db.RequestCategories.Where(c => c.Id == request.CategoryId).Select(c => Fmt.English && c.EnglishName != null ? c.EnglishName : c.Name).FirstAsync(ct);
        var disclosed = me.DepartmentId is { } dept && request.Referrals.Any(f => f.DepartmentId == dept && f.IdentityDisclosed);
        ContactView = PersonalDataPolicy.ViewFor(me, request.StationId, deputyIds, disclosed);
        ShowClear = ContactView == PersonalDataView.Clear;
        Steps = me.StepsFor(request);
        if (request.Channel == RequestChannel.Online)
        {
            PhotoIds = await db.RequestPhotos.Where(p => p.CitizenRequestId == request.Id).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        }

        var calendar = await calendars.GetAsync(ct);
        Due = calendar.StateOf(request.DueOn, ChinaTime.DateOf(clock.GetUtcNow()), request.IsOpen);
        return true;
    }
}
