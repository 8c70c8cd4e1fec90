using LiaisonStations.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Bench;

/// <summary>
/// The floors the page benchmark measures against (bench/run.sh pages), both one pooled EF query: /bench/bare with no
/// layout, sign-in or localization (anonymous by convention, SecurityComposition), and /bench/signed behind sign-in
/// inside the staff layout — what a staff page costs before its own work. Not found unless the benchmark turns them
/// on (Bench:BarePage).
/// </summary>
public abstract class FloorPageModel(AppDbContext db, IConfiguration configuration) : PageModel
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

public sealed class BareModel(AppDbContext db, IConfiguration configuration) : FloorPageModel(db, configuration);

public sealed class SignedModel(AppDbContext db, IConfiguration configuration) : FloorPageModel(db, configuration);
