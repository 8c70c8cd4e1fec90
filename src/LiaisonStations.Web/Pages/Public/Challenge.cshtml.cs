using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>The picture of a submission challenge (<see cref="PublicFormGuard"/>); the digits are sealed in the token.</summary>
[AllowAnonymous]
public sealed class ChallengeModel(PublicFormGuard guard) : PageModel
{
    public IActionResult OnGet(string? t)
    {
        if (guard.AnswerOf(t) is not { } answer)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(PublicFormGuard.Render(answer), "image/png");
    }
}
