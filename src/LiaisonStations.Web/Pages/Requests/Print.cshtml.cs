using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Requests;

/// <summary>
/// Paper the clerk still hands over, on A4: the receipt for the citizen (受理回执: number, lookup code, station,
/// date, summary) and the referral slip for the department (转办单: the citizen's identity only with consent).
/// Only those who handle the station's requests print them; each print is audited, as it carries personal data.
/// </summary>
public sealed class PrintModel(AppDbContext db, CurrentUser me, AuditTrail audit, TimeProvider clock) : PageModel
{
    public CitizenRequest Item { get; private set; } = null!;

    public string Kind { get; private set; } = "receipt";

    public string StationName { get; private set; } = string.Empty;

    public string? StationAddress { get; private set; }

    public string? StationPhone { get; private set; }

    public string CategoryName { get; private set; } = string.Empty;

    public string? DepartmentName { get; private set; }

    public IReadOnlyList<string> Deputies { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public Referral? Referral => Item.CurrentReferral;

    public async Task<IActionResult> OnGetAsync(long id, string kind, CancellationToken ct)
    {
        if (kind is not ("receipt" or "slip"))
        {
            return NotFound();
        }

        var request = await db.CitizenRequests.AsNoTracking().VisibleTo(me, db.Stations).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return NotFound();
        }

        if (!me.CanRegisterRequests())
        {
            return Forbid();
        }

        if (kind == "slip" && request.CurrentDepartmentId is null)
        {
            return NotFound();
        }

        Item = request;
        Kind = kind;
        Today = ChinaTime.DateOf(clock.GetUtcNow());
        var station = await db.Stations.AsNoTracking().Where(s => s.Id == request.StationId).Select(s => new { s.Name, s.Address, s.ContactPhone }).FirstAsync(ct);
        (StationName, StationAddress, StationPhone) = (station.Name, station.Address, station.ContactPhone);
        CategoryName = await db.RequestCategories.Where(c => c.Id == request.CategoryId).Select(c => Fmt.English && c.EnglishName != null ? c.EnglishName : c.Name).FirstAsync(ct);
        var deputyIds = request.Deputies.Select(d => d.DeputyId).ToList();
        Deputies = await db.Deputies.Where(d => deputyIds.Contains(d.Id)).OrderBy(d => d.Name).Select(d => d.Name).ToListAsync(ct);
        if (request.CurrentDepartmentId is { } department)
        {
            DepartmentName = await db.Departments.Where(d => d.Id == department).Select(d => d.Name).FirstOrDefaultAsync(ct);
        }

        await audit.WriteAsync(kind == "receipt" ? "Request.PrintReceipt" : "Request.PrintReferralSlip", "CitizenRequest", request.TrackingNumber, AuditResult.Success, null);
        return Page();
    }
}
