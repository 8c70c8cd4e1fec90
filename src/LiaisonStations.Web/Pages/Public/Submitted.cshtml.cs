using LiaisonStations.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>
/// The confirmation after an online submission: the tracking number and the 查询码, once (they travel in the
/// short-lived TempData cookie, never in an address that a browser history or a log would keep).
/// </summary>
[AllowAnonymous]
public sealed class SubmittedModel : PageModel
{
    public const string NumberKey = "Submitted.Number";

    public const string CodeKey = "Submitted.Code";

    public string Number { get; private set; } = string.Empty;

    public string Code { get; private set; } = string.Empty;

    public IActionResult OnGet()
    {
        if (TempData[NumberKey] is not string number || TempData[CodeKey] is not string code)
        {
            return RedirectToPage("Track");
        }

        Number = number;
        Code = RecordNumbers.FormatTrackingCode(code);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
