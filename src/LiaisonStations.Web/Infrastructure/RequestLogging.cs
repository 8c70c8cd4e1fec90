using System.Diagnostics;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// One structured line per request: method, path, status, elapsed milliseconds and user. The query string
/// is left out on purpose: search terms and filters may contain citizens' names or phone numbers.
/// </summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var status = context.Response.StatusCode;
            var level = status >= 500 ? LogLevel.Error : LogLevel.Information;
            if (!context.Request.Path.StartsWithSegments("/lib", StringComparison.OrdinalIgnoreCase) || status >= 400)
            {
                logger.Log(
                    level,
                    "HTTP {Method} {Path} responded {StatusCode} in {Elapsed:0.0} ms for {User}",
                    context.Request.Method,
                    context.Request.Path.Value,
                    status,
                    elapsed,
                    context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : "anonymous");
            }
        }
    }
}
