using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Hybrid;

namespace LiaisonStations.Web.Infrastructure.Caching;

/// <summary>
/// Tells the caches that business data changed: a context that saved a domain record (anything in
/// LiaisonStations.Domain — stations, deputies, reception days, requests…) signals once its transaction commits,
/// not before, so nobody can refill a cache from the old rows in between. Notices, sessions and audit entries do
/// not count. The interceptor is shared by all pooled contexts, so the mark is kept per context.
/// </summary>
public sealed class DataChanges(HybridCache cache, ReferenceData reference, Microsoft.AspNetCore.OutputCaching.IOutputCacheStore pages, IHttpContextAccessor http, TimeProvider clock, ChangeFeed feed) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>The tag of every cached set of figures (dashboards, /api/stats, reports).</summary>
    public const string FiguresTag = "figures";

    private readonly ConditionalWeakTable<DbContext, object> _dirty = [];

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        // A save outside any transaction (none today: AppDbContext wraps each) is committed already.
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            await SignalAsync(eventData.Context);
        }

        return result;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        await SignalAsync(eventData.Context);

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        SignalAsync(eventData.Context).AsTask().GetAwaiter().GetResult();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    /// <summary>For writes that bypass the change tracker (bulk SQL): call after they commit.</summary>
    public async ValueTask ChangedAsync()
    {
        // The user who made the change reads the primary for a while (a replica may not have it yet).
        ReadConnections.NoteWrite(http.HttpContext, clock.GetUtcNow());
        await DropLocalAsync();
        await feed.PublishAsync();
    }

    /// <summary>Drops this instance's caches (a change here, or another instance's notice through the <see cref="ChangeFeed"/>).</summary>
    public async ValueTask DropLocalAsync()
    {
        reference.Changed();
        await cache.RemoveByTagAsync(FiguresTag, CancellationToken.None);
        await pages.EvictByTagAsync(PublicPages.CacheTag, CancellationToken.None);
    }

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Metadata.ClrType.Namespace?.StartsWith("LiaisonStations.Domain", StringComparison.Ordinal) == true))
        {
            _dirty.AddOrUpdate(context, this);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _dirty.Remove(context);
        }
    }

    private async ValueTask SignalAsync(DbContext? context)
    {
        if (context is not null && _dirty.Remove(context))
        {
            await ChangedAsync();
        }
    }
}
