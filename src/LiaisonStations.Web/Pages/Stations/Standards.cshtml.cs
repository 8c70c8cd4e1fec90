using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Stations;

/// <summary>The eight standards (八有) of a station: for each, met or not, a note and the date it was checked.</summary>
public sealed class StandardsModel(AppDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public List<StandardInput> Input { get; set; } = [];

    [BindProperty]
    public uint Version { get; set; }

    public Station Station { get; private set; } = null!;

    public sealed class StandardInput
    {
        public EightStandard Standard { get; set; }

        public bool Met { get; set; }

        public string? Note { get; set; }

        public DateOnly? CheckedOn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var station = await db.Stations.AsNoTracking().ManageableBy(me).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (station is null)
        {
            return NotFound();
        }

        Station = station;
        Version = station.Version;
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        Input = Enum.GetValues<EightStandard>().Select(st =>
        {
            var current = station.Standards.FirstOrDefault(x => x.Standard == st);
            return new StandardInput { Standard = st, Met = current?.Met ?? false, Note = current?.Note, CheckedOn = current?.CheckedOn ?? today };
        }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var station = await db.Stations.ManageableBy(me).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (station is null)
        {
            return NotFound();
        }

        Station = station;
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        Input = Input.Where(i => Enum.IsDefined(i.Standard)).GroupBy(i => i.Standard).Select(g => g.First()).OrderBy(i => i.Standard).ToList();
        for (var i = 0; i < Input.Count; i++)
        {
            if (Input[i].Note is { Length: > 500 })
            {
                ModelState.AddModelError($"Input[{i}].Note", l["Validation.TooLong", 500]);
            }

            if (Input[i].CheckedOn is { } d && (d.Year < 2000 || d > today))
            {
                ModelState.AddModelError($"Input[{i}].CheckedOn", l["Standards.CheckedOnInvalid"]);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow();
        var saved = await this.SaveEditAsync(db, station, Version, s =>
        {
            foreach (var input in Input)
            {
                var current = s.Standards.FirstOrDefault(x => x.Standard == input.Standard);
                var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
                var checkedOn = input.CheckedOn ?? today;
                if (current is null || current.Met != input.Met || current.Note != note || current.CheckedOn != checkedOn)
                {
                    s.RecordStandard(input.Standard, input.Met, note, checkedOn, now);
                }
            }
        }, l, ct, versionField: nameof(Version), onConflict: v => Version = v);
        if (!saved)
        {
            return Page();
        }

        TempData["Flash"] = l["Standards.Saved", station.StandardsMet].Value;
        return RedirectToPage("Details", new { id });
    }
}
