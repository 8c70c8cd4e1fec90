using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Infrastructure.Security;

/// <summary>
/// When cookies are HTTPS-only (production), a page asked for over plain HTTP could not sign anyone in; the
/// user gets a clear message instead of a failure. Health probes stay reachable over HTTP.
/// </summary>
public sealed class HttpsOnlyMiddleware(RequestDelegate next, IStringLocalizer<SharedResource> l)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Health probes and the metrics scrape (allowed networks only, Telemetry) come from inside over plain http.
        if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments(Telemetry.MetricsPath, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(l["Security.HttpsRequired"], context.RequestAborted);
    }
}
