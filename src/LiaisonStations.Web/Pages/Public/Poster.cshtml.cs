using LiaisonStations.Domain.Stations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>
/// An A4 poster for the station's door and its village points: name, reception days, address, phone, a QR code that
/// opens the submission form with the station already chosen (反映问题), and the address of the station's public page. The page's address comes from Public:BaseUrl when set (behind a proxy the
/// request's own host may be an internal one), otherwise from the request.
/// </summary>
[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicPages.CachePolicy)]
public sealed class PosterModel(PublicDirectory directory, IConfiguration configuration) : PageModel
{
    public Station Station { get; private set; } = null!;

    public string PageUrl { get; private set; } = string.Empty;

    /// <summary>Where the QR code leads: the submission form with this station preselected.</summary>
    public string QrTarget { get; private set; } = string.Empty;

    /// <summary>The QR code as SVG markup, made here from the page's address (no outside input but the station code).</summary>
    public string QrSvg { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var station = await directory.FindAsync(code, ct);
        if (station is null)
        {
            return NotFound();
        }

        Station = station;
        var baseUrl = configuration["Public:BaseUrl"]?.TrimEnd('/') ?? $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
        PageUrl = $"{baseUrl}/public/stations/{Uri.EscapeDataString(station.Code)}";
        using var generator = new QRCodeGenerator();
        QrTarget = $"{baseUrl}/public/submit?station={Uri.EscapeDataString(station.Code)}";
        using var data = generator.CreateQrCode(QrTarget, QRCodeGenerator.ECCLevel.M);
        QrSvg = new SvgQRCode(data).GetGraphic(8);
        return Page();
    }
}
