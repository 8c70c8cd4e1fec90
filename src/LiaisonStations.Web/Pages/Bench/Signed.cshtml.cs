using LiaisonStations.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Bench;

/// <summary>
/// The signed-in floor (bench/run.sh pages): the bare page's one query, but behind sign-in and inside the staff layout
/// (cookie, scope, localization, the inbox badge). What a staff page costs before its own work. Not found unless the
/// benchmark turns it on (Bench:BarePage).
/// </summary>
public sealed class SignedModel(AppDbContext db, IConfiguration configuration) : PageModel
{
    public int Areas { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!configuration.GetValue<bool>("Bench:BarePage"))
        {
            return NotFound();
        }

        Areas = await db.Areas.AsNoTracking().CountAsync(ct);
        return Page();
    }
}
