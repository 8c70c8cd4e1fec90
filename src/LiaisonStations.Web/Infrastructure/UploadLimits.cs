using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// No request body larger than 20 MB: the import and calendar uploads (a city's roster is a few MB) and
/// everything else. A request that says it is larger is answered 413 before a byte of it is read; one that
/// does not say (chunked) is cut off by Kestrel at the same size. Either way the user sees the 413 page.
/// </summary>
public static class UploadLimits
{
    public const long MaxRequestBytes = 20L * 1024 * 1024;

    public static IServiceCollection AddUploadLimits(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBytes);
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = MaxRequestBytes);
        return services;
    }
}

/// <summary>Answers 413 (shown by the status page) for bodies over <see cref="UploadLimits.MaxRequestBytes"/>.</summary>
public sealed class UploadLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > UploadLimits.MaxRequestBytes)
        {
            // The body is never read: the status page that the 413 re-executes sees an empty request.
            context.Request.Body = Stream.Null;
            context.Request.ContentLength = 0;
            context.Request.ContentType = null;
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.Headers.Connection = "close";
            return;
        }

        try
        {
            await next(context);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        }
    }
}
