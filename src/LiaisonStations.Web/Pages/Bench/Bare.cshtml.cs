using LiaisonStations.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Bench;

/// <summary>
/// The floor the page benchmark measures against (bench/run.sh pages): a Razor page with one pooled EF query and no
/// layout, sign-in or localization. Not found unless the benchmark turns it on (Bench:BarePage).
/// </summary>
[AllowAnonymous]
public sealed class BareModel(AppDbContext db, IConfiguration configuration) : PageModel
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
