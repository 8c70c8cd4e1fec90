using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Consultations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Consultations;

/// <summary>One consultation: the opinions collected at the station (text, from whom, when), closing it, and the summary submitted upward.</summary>
public sealed class DetailsModel(AppDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public LegislativeConsultation Item { get; private set; } = null!;

    public string StationName { get; private set; } = string.Empty;

    public bool CanManage { get; private set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? FromWhom { get; set; }

    [BindProperty]
    public DateOnly? ReceivedOn { get; set; }

    [BindProperty]
    public string? Summary { get; set; }

    [BindProperty]
    public uint Version { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, tracked: false, ct))
        {
            return NotFound();
        }

        Version = Item.Version;
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        ReceivedOn = today < Item.OpensOn ? Item.OpensOn : today > Item.ClosesOn ? Item.ClosesOn : today;
        return Page();
    }

    public Task<IActionResult> OnPostOpinionAsync(int id, CancellationToken ct) => ActAsync(id, c =>
    {
        if (ReceivedOn is null)
        {
            throw new DomainRuleException("Consultation.OutsidePeriod", DateOnly.MinValue);
        }

        c.AddOpinion(Text ?? string.Empty, string.IsNullOrWhiteSpace(FromWhom) ? null : FromWhom.Trim(), ReceivedOn.Value, me.Actor);
    }, ct);

    public Task<IActionResult> OnPostCloseAsync(int id, CancellationToken ct) => ActAsync(id, c => c.Close(), ct);

    public Task<IActionResult> OnPostSummaryAsync(int id, CancellationToken ct) => ActAsync(id, c => c.SubmitSummary(Summary ?? string.Empty, clock.GetUtcNow()), ct);

    private async Task<IActionResult> ActAsync(int id, Action<LegislativeConsultation> act, CancellationToken ct)
    {
        if (!await LoadAsync(id, tracked: true, ct))
        {
            return NotFound();
        }

        if (!CanManage)
        {
            return Forbid();
        }

        if (!await this.SaveEditAsync(db, Item, Version, act, l, ct, versionField: nameof(Version), onConflict: v => Version = v))
        {
            return Page();
        }

        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, bool tracked, CancellationToken ct)
    {
        var stationIds = db.Stations.VisibleTo(me).Select(s => s.Id);
        var query = db.LegislativeConsultations.Where(c => stationIds.Contains(c.StationId));
        var item = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (item is null)
        {
            return false;
        }

        Item = item;
        StationName = await db.Stations.Where(s => s.Id == item.StationId).Select(s => s.Name).FirstAsync(ct);
        CanManage = await db.Stations.ReceptionManageableBy(me).AnyAsync(s => s.Id == item.StationId, ct);
        return true;
    }
}
