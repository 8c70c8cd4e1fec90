using Serilog;
using Serilog.Events;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// One structured line per request (Serilog.AspNetCore): method, path, status, elapsed milliseconds and user. The query
/// string is left out on purpose: search terms and filters may contain citizens' names or phone numbers. Static files
/// log at Debug unless they fail; server errors at Error.
/// </summary>
public static class RequestLogging
{
    public const string Template = "HTTP {RequestMethod:l} {RequestPath:l} responded {StatusCode} in {Elapsed:0.0} ms for {User:l}";

    private static readonly string[] StaticFolders = ["/lib", "/css", "/js"];

    public static IApplicationBuilder UseAppRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = Template;
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.IncludeQueryInRequestPath = false;
            options.GetLevel = (context, _, error) =>
                error is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : context.Response.StatusCode < 400 && IsStaticFile(context.Request.Path) ? LogEventLevel.Debug
                : LogEventLevel.Information;
            options.EnrichDiagnosticContext = (diagnostics, context) =>
                diagnostics.Set("User", context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : "anonymous");
        });

    private static bool IsStaticFile(PathString path) =>
        StaticFolders.Any(folder => path.StartsWithSegments(folder, StringComparison.OrdinalIgnoreCase)) || path.StartsWithSegments("/favicon.ico");
}
