using LiaisonStations.Web.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LiaisonStations.Web.Pages.Dashboard;

/// <summary>
/// The dashboard as a report to the standing committee: a title with the area and period, a paragraph that
/// states the main figures in words, then the tables, laid out for A4 paper. Same figures, same scope.
/// </summary>
public sealed class ReportModel(DashboardBuilder builder) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Station { get; set; }

    [BindProperty(SupportsGet = true)]
    public PeriodKind? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Quarter { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public DashboardView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var view = await builder.BuildAsync(new DashboardQuery(Area, Station, Period, Year, Quarter, Month, From, To), withCharts: true, ct);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }
}
