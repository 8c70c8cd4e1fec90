using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Infrastructure.Security;

/// <summary>
/// One signed-in session of an account, kept on the server. The sign-in cookie carries only its id (in the
/// ticket's properties); a session ended by signing out, by disabling the account or by a password reset is
/// refused at the next request, so a copied cookie stops working at once.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? ClientAddress { get; set; }
}

/// <summary>Starts, checks and ends server-side sessions; wired into the cookie's events (SecurityComposition).</summary>
public static class UserSessions
{
    /// <summary>Key of the session id in the authentication ticket's properties (which survive cookie renewals).</summary>
    public const string PropertyKey = "liaison.session";

    /// <summary>A session ends 12 hours after sign-in however active it is (besides the 30-minute idle limit).</summary>
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    /// <summary>Every sign-in (not a renewal) starts a session row and puts its id into the ticket.</summary>
    public static async Task OnSigningInAsync(CookieSigningInContext context)
    {
        if (context.Properties.Items.ContainsKey(PropertyKey) || context.Principal is null)
        {
            // A refresh of an existing session (a changed password): the session goes on.
            return;
        }

        var services = context.HttpContext.RequestServices;
        var db = services.GetRequiredService<Data.AppDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var userId = context.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value
            ?? throw new InvalidOperationException("A sign-in without a user id.");
        var session = new UserSession
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            StartedAt = now,
            ClientAddress = context.HttpContext.Connection.RemoteIpAddress?.ToString(),
        };

        // The account's finished sessions are not kept: the audit trail has the sign-ins and sign-outs. Written
        // with SQL, outside the change tracker, so nothing else the context tracks is saved with it.
        var expired = now - AbsoluteLifetime;
        await db.UserSessions.Where(s => s.UserId == userId && (s.EndedAt != null || s.StartedAt < expired)).ExecuteDeleteAsync(CancellationToken.None);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO user_sessions (id, user_id, started_at, client_address) VALUES ({session.Id}, {session.UserId}, {session.StartedAt}, {session.ClientAddress})",
            CancellationToken.None);
        context.Properties.Items[PropertyKey] = session.Id.ToString("N");
    }

    /// <summary>
    /// On every request: the session must exist, be open and younger than the absolute lifetime; then the
    /// security stamp is checked as usual (role, scope and password changes within a minute).
    /// </summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var userId = context.Principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? string.Empty;
        var checks = services.GetRequiredService<SessionChecks>();
        if (!TryGetId(context.Properties, out var id) || !(checks.RecentlyValid(id, userId, now) || await IsOpenAsync(id)))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);

        async Task<bool> IsOpenAsync(Guid session)
        {
            var open = await services.GetRequiredService<Data.AppDbContext>().UserSessions
                .AnyAsync(s => s.Id == session && s.EndedAt == null && s.StartedAt > now - AbsoluteLifetime, context.HttpContext.RequestAborted);
            if (open)
            {
                // Trusted from this check on, not from the requests that relied on it.
                checks.Valid(session, now);
            }

            return open;
        }
    }

    /// <summary>
    /// Ends the session of the current request (signing out): at once on this instance, and on the others as soon as
    /// the change commits (a NOTIFY sent in the same transaction is delivered at its commit, not before).
    /// </summary>
    public static async Task EndCurrentAsync(HttpContext http, Data.AppDbContext db, DateTimeOffset now)
    {
        var auth = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (auth.Properties is { } properties && TryGetId(properties, out var id))
        {
            http.RequestServices.GetRequiredService<SessionChecks>().Ended(id);
            await db.UserSessions.Where(s => s.Id == id && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), CancellationToken.None);
            await http.RequestServices.GetRequiredService<Caching.ChangeFeed>().NotifyWithinAsync(db, SessionChecks.EndedSession, id.ToString("N"));
        }
    }

    /// <summary>Ends every open session of an account (disabled, password reset by someone else), on every instance.</summary>
    public static async Task EndAllAsync(HttpContext http, Data.AppDbContext db, string userId, DateTimeOffset now)
    {
        http.RequestServices.GetRequiredService<SessionChecks>().EndedFor(userId, now);
        await db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), CancellationToken.None);
        await http.RequestServices.GetRequiredService<Caching.ChangeFeed>().NotifyWithinAsync(db, SessionChecks.EndedUser, userId);
    }

    private static bool TryGetId(AuthenticationProperties properties, out Guid id)
    {
        id = Guid.Empty;
        return properties.Items.TryGetValue(PropertyKey, out var text) && Guid.TryParseExact(text, "N", out id);
    }
}

/// <summary>
/// When each session was last found open, and when each account's sessions were last ended, in this instance:
/// sessions found open in the last <see cref="Reuse"/> skip the session query. Ends made on other instances arrive
/// through the <see cref="Caching.ChangeFeed"/>.
/// </summary>
public sealed class SessionChecks
{
    /// <summary>Kinds of session notices on the change feed.</summary>
    public const string EndedSession = "ended-session";

    public const string EndedUser = "ended-user";

    /// <summary>How long a session found open is taken as open without asking the database again.</summary>
    public static readonly TimeSpan Reuse = TimeSpan.FromSeconds(30);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, DateTimeOffset> _checked = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _endedFor = new(StringComparer.Ordinal);

    public bool RecentlyValid(Guid id, string userId, DateTimeOffset now) =>
        _checked.TryGetValue(id, out var at) && now >= at && now - at < Reuse
        && !(_endedFor.TryGetValue(userId, out var ended) && ended >= at);

    public void Valid(Guid id, DateTimeOffset now)
    {
        // Bounded: entries older than the reuse time are worth nothing, so a full table is simply emptied.
        if (_checked.Count > 50_000)
        {
            _checked.Clear();
        }

        _checked[id] = now;
    }

    public void Ended(Guid id) => _checked.TryRemove(id, out _);

    public void EndedFor(string userId, DateTimeOffset now) => _endedFor[userId] = now;
}
