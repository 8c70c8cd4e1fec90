using LiaisonStations.Web.Import;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Admin.Import;

/// <summary>
/// Upload of the DESIGN §7 file set (CSV or XLSX). A dry run lists every problem; a real run writes all or
/// nothing. District staff import their own district's stations, deputies, activities and requests.
/// </summary>
public sealed class IndexModel(RosterImport import, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public bool DryRun { get; set; } = true;

    public ImportReport? Report { get; private set; }

    public List<ImportProblem> FileProblems { get; } = [];

    public bool IsDistrictStaff => me.IsDistrictStaff;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(List<IFormFile>? files, CancellationToken ct)
    {
        var tables = new List<Table>();
        foreach (var file in files ?? [])
        {
            if (!(file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || file.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)))
            {
                FileProblems.Add(new ImportProblem(file.FileName, 1, "-", l["Import.Unreadable", file.FileName]));
                continue;
            }

            try
            {
                await using var stream = file.OpenReadStream();
                tables.Add(Table.Read(Path.GetFileName(file.FileName), stream));
            }
            catch (TableFormatException e)
            {
                FileProblems.Add(new ImportProblem(Path.GetFileName(file.FileName), e.Line, e.Column, l.Reason(e)));
            }
        }

        if (FileProblems.Count > 0)
        {
            return Page();
        }

        var scope = me.IsAdministrator ? ImportScope.Everything : new ImportScope(me.DistrictPath ?? "-");
        Report = await import.RunAsync(tables, scope, DryRun, me.Actor, ct);
        return Page();
    }
}
