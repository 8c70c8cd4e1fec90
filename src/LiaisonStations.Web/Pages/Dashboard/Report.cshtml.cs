using LiaisonStations.Web.Statistics;
using Microsoft.AspNetCore.Mvc;

namespace LiaisonStations.Web.Pages.Dashboard;

/// <summary>
/// The dashboard as a report to the standing committee: a title with the area and period, a paragraph that
/// states the main figures in words, then the tables, laid out for A4 paper. Same figures, same scope.
/// </summary>
public sealed class ReportModel(DashboardBuilder builder) : DashboardPageModel
{
    public DashboardView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var view = await builder.BuildAsync(Query, withCharts: true, ct);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }
}
