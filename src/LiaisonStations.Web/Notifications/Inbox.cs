using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Notifications;

/// <summary>The signed-in user's unread count for the header (one indexed count per page).</summary>
public sealed class Inbox(AppDbContext db, CurrentUser me)
{
    private int? _unread;

    public async Task<int> UnreadAsync()
    {
        if (!me.IsAuthenticated || me.UserId is null)
        {
            return 0;
        }

        var id = me.UserId;
        return _unread ??= await db.Notifications.AsNoTracking().CountAsync(n => n.UserId == id && n.ReadAt == null);
    }
}
