using LiaisonStations.Web.Infrastructure;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LiaisonStations.Web.Pages;

/// <summary>
/// Switches the UI language and remembers it in a cookie for a year. Staff pages post it (a form in the header); the
/// citizens' pages link to it (a GET: they carry no form token, so they can be cached and need no script) — choosing
/// a language is no change anyone could abuse.
/// </summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet(string? culture, string? returnUrl) => culture is null ? RedirectToPage("/Index") : Switch(culture, returnUrl);

    public IActionResult OnPost(string? culture, string? returnUrl) => Switch(culture, returnUrl);

    private IActionResult Switch(string? culture, string? returnUrl)
    {
        var chosen = Localization.SupportedCultures.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase))
            ?? Localization.Chinese;
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = Request.IsHttps,
            });
        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToPage("/Index");
    }
}
