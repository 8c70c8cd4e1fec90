using LiaisonStations.Domain.Consultations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Consultations;

/// <summary>立法征求意见 at the legislative contact points in the user's scope.</summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ConsultationStatus? Status { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public bool CanOpen => me.CanManageReceptionDays();

    public sealed record Row(int Id, string Title, string Station, DateOnly OpensOn, DateOnly ClosesOn, ConsultationStatus Status, int Opinions);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var stationIds = db.Stations.VisibleTo(me).Select(s => s.Id);
        var query = db.LegislativeConsultations.AsNoTracking().Where(c => stationIds.Contains(c.StationId));
        if (Status is { } status && Enum.IsDefined(status))
        {
            query = query.Where(c => c.Status == status);
        }

        Rows = await query.OrderByDescending(c => c.OpensOn).ThenByDescending(c => c.Id).Take(500)
            .Select(c => new Row(c.Id, c.DraftTitle, db.Stations.Where(s => s.Id == c.StationId).Select(s => s.Name).First(), c.OpensOn, c.ClosesOn, c.Status, c.Opinions.Count))
            .ToListAsync(ct);
    }
}
