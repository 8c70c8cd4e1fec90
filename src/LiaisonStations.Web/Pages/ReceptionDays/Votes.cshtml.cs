using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.ReceptionDays;

/// <summary>述职评议: the attendees' satisfied / basically satisfied / unsatisfied votes on each deputy who reported at a held duty-report activity.</summary>
public sealed class VotesModel(AppDbContext db, CurrentUser me, Lookups lookups, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public List<VoteInput> Input { get; set; } = [];

    [BindProperty]
    public uint Version { get; set; }

    public ReceptionDay Day { get; private set; } = null!;

    public string StationName { get; private set; } = string.Empty;

    public IReadOnlyDictionary<int, string> Names { get; private set; } = new Dictionary<int, string>();

    public sealed class VoteInput
    {
        public int DeputyId { get; set; }

        public int? Satisfied { get; set; }

        public int? BasicallySatisfied { get; set; }

        public int? Unsatisfied { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, false, ct))
        {
            return NotFound();
        }

        Version = Day.Version;
        Input = Day.Deputies.Where(d => d.Attended).Select(d =>
        {
            var e = Day.DutyReports.FirstOrDefault(r => r.DeputyId == d.DeputyId);
            return new VoteInput { DeputyId = d.DeputyId, Satisfied = e?.Satisfied, BasicallySatisfied = e?.BasicallySatisfied, Unsatisfied = e?.Unsatisfied };
        }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, true, ct))
        {
            return NotFound();
        }

        var now = clock.GetUtcNow();
        var saved = await this.SaveEditAsync(db, Day, Version, d =>
        {
            foreach (var v in Input.Where(v => v.Satisfied is not null || v.BasicallySatisfied is not null || v.Unsatisfied is not null).Take(200))
            {
                d.RecordDutyReportVotes(v.DeputyId, v.Satisfied ?? 0, v.BasicallySatisfied ?? 0, v.Unsatisfied ?? 0, now);
            }
        }, l, ct, versionField: nameof(Version), onConflict: v => Version = v);
        if (!saved)
        {
            return Page();
        }

        TempData["Flash"] = l["DutyReport.Saved"].Value;
        return RedirectToPage("Details", new { id });
    }

    private async Task<bool> LoadAsync(int id, bool tracked, CancellationToken ct)
    {
        var day = await db.ManageableAsync(me, id, tracked, ct);
        if (day is null || day.Type != ReceptionDayType.DutyReport)
        {
            return false;
        }

        Day = day;
        StationName = await db.Stations.Where(s => s.Id == day.StationId).Select(s => s.Name).FirstAsync(ct);
        var ids = day.Deputies.Select(d => d.DeputyId).ToList();
        Names = (await lookups.DeputiesByIdAsync(ids, ct)).ToDictionary(o => o.Id, o => o.Name);
        return true;
    }
}
