using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LiaisonStations.Web.Pages;

/// <summary>Friendly pages for status codes (404, 400, 403 …), re-executed by the status code middleware.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code)
    {
        Code = code is >= 400 and < 600 ? code : 404;
        // Opened directly (not re-executed for an error) the page still answers with the status it describes.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            Response.StatusCode = Code;
        }
    }

    public void OnPost(int code) => OnGet(code);
}
