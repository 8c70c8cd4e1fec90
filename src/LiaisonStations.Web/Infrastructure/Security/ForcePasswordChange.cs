namespace LiaisonStations.Web.Infrastructure.Security;

/// <summary>
/// An account whose password was set by someone else can do nothing but change it (and sign out) until it has:
/// every page sends it to the change form and every API call is refused with 403. A middleware rather than a
/// page filter, so no endpoint of any kind (pages, the JSON API) is left out.
/// </summary>
public sealed class ForcePasswordChangeMiddleware(RequestDelegate next)
{
    private static readonly string[] Allowed = ["/Account/ChangePassword", "/Account/Logout", "/Error", "/Status", "/Language", "/health", "/openapi"];

    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true
            || !user.HasClaim(ScopeClaims.MustChangePassword, "true")
            || Allowed.Any(a => context.Request.Path.StartsWithSegments(a, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }

        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsJsonAsync(new { error = "password_change_required" });
        }

        context.Response.Redirect("/Account/ChangePassword");
        return Task.CompletedTask;
    }
}
