using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// While PostgreSQL cannot be reached (stopped, restarting, out of connections) every page answers 503 with a
/// calm page in the user's language and a Retry-After, never a 500 or a stack trace. Nothing half-saved can
/// remain: every change runs in one transaction (AppDbContext), which the server rolls back. The pool is
/// emptied at each such failure, so once the database is back the next request opens fresh connections
/// instead of meeting ones the restart killed (and a read that meets one is retried: <see cref="Data.ReadRetryStrategy"/>).
/// </summary>
public sealed class DatabaseOutageMiddleware(RequestDelegate next, ILogger<DatabaseOutageMiddleware> logger)
{
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (DatabaseOutage.Is(e) && !context.Response.HasStarted)
        {
            logger.LogWarning("Database unavailable, {Method} {Path} answered 503: {Reason}", context.Request.Method, context.Request.Path, DatabaseOutage.Reason(e));
            context.RequestServices.GetService<NpgsqlDataSource>()?.Clear();
            if (context.RequestServices.GetService<ReadConnections>() is { OnReplica: true })
            {
                // Perhaps only the replica is away: the next requests read the primary until a probe finds it again.
                context.RequestServices.GetRequiredService<ReadReplica>().MarkDown(e);
            }

            await WriteAsync(context);
        }
    }

    private static async Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.Clear();
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await response.WriteAsJsonAsync(new { error = "database_unavailable", retryAfterSeconds = RetryAfterSeconds });
            return;
        }

        // Written here rather than re-executed: a Razor page (the layout, the signed-in user's session) would need the database again.
        var l = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var english = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{(english ? "en" : "zh-CN")}">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <meta http-equiv="refresh" content="{RetryAfterSeconds * 2}" />
            <title>{WebUtility.HtmlEncode(l["Status.503.Title"])} - {WebUtility.HtmlEncode(l["App.Name"])}</title>
            <link rel="stylesheet" href="/lib/bootstrap/css/bootstrap.min.css" />
            <link rel="stylesheet" href="/css/site.css" />
            </head>
            <body>
            <header><nav class="navbar navbar-dark bg-primary"><div class="container-fluid"><span class="navbar-brand">{WebUtility.HtmlEncode(l["App.Name"])}</span></div></nav></header>
            <main id="main" class="container-fluid py-3">
            <h1 class="h3">{WebUtility.HtmlEncode(l["Status.503.Title"])}</h1>
            <p id="outage-message">{WebUtility.HtmlEncode(l["Status.503.Message"])}</p>
            <a class="btn btn-outline-primary" href="{WebUtility.HtmlEncode(context.Request.Path + context.Request.QueryString)}">{WebUtility.HtmlEncode(l["Status.503.Retry"])}</a>
            </main>
            </body>
            </html>
            """);
    }
}

/// <summary>Which failures mean "the database cannot be reached now", as opposed to a bug or a refused statement.</summary>
public static class DatabaseOutage
{
    public static bool Is(Exception e) => Cause(e) is not null;

    public static string Reason(Exception e) => Cause(e)?.Message ?? e.Message;

    private static Exception? Cause(Exception? e)
    {
        for (var depth = 0; e is not null && depth < 10; depth++, e = e.InnerException)
        {
            switch (e)
            {
                // Connection-level: refused, reset, broken stream, no free connection in time.
                case PostgresException pg when IsOutageState(pg.SqlState):
                    return pg;
                case PostgresException:
                    return null;
                case NpgsqlException npgsql:
                    return npgsql;
                case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                    return aggregate.InnerExceptions.Select(Cause).FirstOrDefault(c => c is not null);
            }
        }

        return null;
    }

    /// <summary>Connection exceptions (08…), shutdown or start-up in progress (57P01–57P03), too many clients (53300).</summary>
    private static bool IsOutageState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state is "57P01" or "57P02" or "57P03" or "53300";
}

/// <summary>
/// Readiness: a query on a pooled connection. A failure empties the pool and asks once more on a fresh
/// connection, so a connection the last restart killed does not make a healthy database look down.
/// </summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Exception? failure = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (DatabaseOutage.Is(e))
            {
                dataSource.Clear();
                failure = e;
            }
        }

        return HealthCheckResult.Unhealthy("database unavailable", failure);
    }
}
