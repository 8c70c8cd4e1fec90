using LiaisonStations.Domain.Common;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Deputies;

/// <summary>One deputy's performance archive (履职档案) for a year: print-friendly, and as XLSX.</summary>
public sealed class ArchiveModel(AppDbContext db, CurrentUser me, AuditTrail audit, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public ArchiveRow Row { get; private set; } = null!;

    public string? Term { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetExportAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var items = Items();
        var title = l["Archive.Title", Row.Name, Year!.Value];
        await audit.WriteAsync("Export.Archive", "Deputy", Row.Code, AuditResult.Success, Year.ToString());
        Response.Headers.ContentDisposition = Xlsx.Disposition($"{Row.Name}_{l["Archive.Short"]}_{Year}.xlsx");
        return File(Xlsx.Write(l["Archive.Short"], title, [l["Archive.Item"], l["Archive.Value"]], items.Select(i => (IReadOnlyList<object?>)[i.Label, i.Value])), Xlsx.ContentType);
    }

    /// <summary>The archive as label/value lines, the same on the page and in the file.</summary>
    public IReadOnlyList<(string Label, object? Value)> Items() =>
    [
        (l["Archive.ReceptionDays"], Row.ReceptionDays),
        (l["Archive.CitizensReceived"], Row.CitizensReceived),
        (l["Archive.RequestsAssigned"], Row.RequestsAssigned),
        (l["Archive.RequestsResolved"], Row.RequestsResolved),
        (l["Archive.SuggestionsLed"], Row.SuggestionsLed),
        (l["Archive.SuggestionsCoSigned"], Row.SuggestionsCoSigned),
        (l["Archive.SuggestionsAnswered"], Row.SuggestionsAnswered),
        (l["Archive.SuggestionsAorB"], Row.SuggestionsAorB),
        (l["Archive.SuggestionsSolved"], Row.SuggestionsSolved),
        (l["Archive.DutyReports"], Row.DutyReports),
        (l["Archive.DutyVotes"], Row.DutyVotes),
        (l["Archive.DutySatisfaction"], Row.DutySatisfaction is { } s ? s.ToString("P1", System.Globalization.CultureInfo.InvariantCulture) : "—"),
        (l["Archive.StarDeputy"], Row.StarDeputy ? l["Common.Yes"].Value : l["Common.No"].Value),
    ];

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Year = Year is >= 2000 and <= 2100 ? Year : ChinaTime.DateOf(clock.GetUtcNow()).Year;
        var deputies = db.Deputies.AsNoTracking().VisibleTo(me, db.Stations, db.Areas).Where(d => d.Id == id);
        var row = await PerformanceArchive.For(db, deputies, Year.Value).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return false;
        }

        Row = row;
        Term = await deputies.Select(d => d.Term).FirstAsync(ct);
        return true;
    }
}
