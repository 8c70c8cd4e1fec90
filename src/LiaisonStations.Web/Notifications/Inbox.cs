using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace LiaisonStations.Web.Notifications;

/// <summary>
/// The signed-in user's unread count for the header. Counted at most every <see cref="Lifetime"/> per user: it is on
/// every page. A change to the user's notices (raised or read, on any instance) drops the count everywhere at its
/// commit through the change feed (migration 0018, <see cref="Changed"/>); the lifetime bounds it if the feed is off.
/// </summary>
public sealed class Inbox(AppDbContext db, CurrentUser me, IMemoryCache memory)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);

    private int? _unread;

    public async Task<int> UnreadAsync()
    {
        if (!me.IsAuthenticated || me.UserId is null)
        {
            return 0;
        }

        if (_unread is { } known)
        {
            return known;
        }

        var id = me.UserId;
        var key = Key(id);
        if (!memory.TryGetValue(key, out int count))
        {
            count = await db.Notifications.AsNoTracking().CountAsync(n => n.UserId == id && n.ReadAt == null);
            memory.Set(key, count, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        }

        _unread = count;
        return count;
    }

    /// <summary>The user read (or was sent) notices: count again on the next page.</summary>
    public void Forget()
    {
        _unread = null;
        if (me.UserId is { } id)
        {
            memory.Remove(Key(id));
        }
    }

    /// <summary>The change feed's kind for "this user's notices changed".</summary>
    public const string ChangeKind = "inbox";

    /// <summary>The user's notices changed (told by the change feed): count again on their next page.</summary>
    public static void Changed(IMemoryCache memory, string userId) => memory.Remove(Key(userId));

    private static (string, string) Key(string userId) => ("unread", userId);
}
