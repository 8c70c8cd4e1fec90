using System.Globalization;
using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Calendar;
using LiaisonStations.Domain.Consultations;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Departments;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Domain.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LiaisonStations.Web.Infrastructure.Auditing;

/// <summary>
/// Every create, update and close of a business record, audited in one place: the changed aggregate roots
/// are noted while a context saves and one entry per root is written right after the rows (new records need
/// their database id first), inside the save's transaction (AppDbContext.SaveChangesAsync), so a change and
/// its audit entries commit together. A change of state is named after the new state
/// (Station.Closed, CitizenRequest.Referred); other changes are Created or Updated. The interceptor is shared
/// by all pooled contexts, so what it notes is kept per context.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<Type> Audited =
    [
        typeof(Area), typeof(Station), typeof(StationStarRating), typeof(Deputy), typeof(StarDeputy), typeof(Department),
        typeof(ReceptionDay), typeof(CitizenRequest), typeof(RequestCategory), typeof(Suggestion), typeof(LegislativeConsultation),
        typeof(CalendarDay),
    ];

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, List<(EntityEntry Entry, string Action)>> _pending = [];

    /// <summary>Bulk jobs (seeding, imports) turn this off and write one summary entry instead.</summary>
    public static readonly AsyncLocal<bool> Suppressed = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        // Not the request's token: the rows are written, so their audit entries are written too.
        await WriteAsync(eventData.Context);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WriteAsync(eventData.Context).GetAwaiter().GetResult();
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            _pending.Remove(context);
        }
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var pending = _pending.GetValue(context, _ => []);
        pending.Clear();
        if (Suppressed.Value)
        {
            return;
        }

        // Entities changed through their methods are only known as Modified once changes are detected.
        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }

        TouchAggregatesWithChangedParts(context);
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (!Audited.Contains(entry.Metadata.ClrType) || entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => "Created",
                EntityState.Deleted => "Deleted",
                _ => StateChange(entry) ?? "Updated",
            };
            pending.Add((entry, action));
        }
    }

    /// <summary>
    /// A change to an owned part (a new assignment, a timeline event) is a change of its aggregate: the root
    /// row is updated too, so its row version moves (a concurrent editor of the same aggregate is refused)
    /// and the change is audited under the root.
    /// </summary>
    private static void TouchAggregatesWithChangedParts(DbContext context)
    {
        foreach (var root in context.ChangeTracker.Entries().Where(e => e.State == EntityState.Unchanged && Audited.Contains(e.Metadata.ClrType)).ToList())
        {
            var changed = root.Navigations
                .Where(n => n.Metadata.TargetEntityType.IsOwned())
                .SelectMany(n => n is CollectionEntry c ? (c.CurrentValue?.Cast<object>() ?? []) : n.CurrentValue is { } v ? [v] : [])
                .Any(part => context.Entry(part).State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
            if (changed)
            {
                root.State = EntityState.Modified;
            }
        }
    }

    private static string? StateChange(EntityEntry entry)
    {
        var status = entry.Properties.FirstOrDefault(p => p.Metadata.Name is "Status" or "Stage");
        return status is { IsModified: true } && !Equals(status.OriginalValue, status.CurrentValue)
            ? Convert.ToString(status.CurrentValue, CultureInfo.InvariantCulture)
            : null;
    }

    private async Task WriteAsync(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending) || pending.Count == 0)
        {
            return;
        }

        var entries = pending.ToList();
        pending.Clear();
        foreach (var (entry, action) in entries)
        {
            var type = entry.Metadata.ClrType.Name;
            var key = entry.Metadata.FindPrimaryKey()?.Properties.Select(p => entry.Property(p.Name).CurrentValue).FirstOrDefault();
            var label = entry.Properties.FirstOrDefault(p => p.Metadata.Name is "Code" or "TrackingNumber" or "Number")?.CurrentValue as string;
            var audit = AuditTrail.Entry(http, clock, type + "." + action, type, Convert.ToString(key, CultureInfo.InvariantCulture), AuditResult.Success, label, null);
            await AuditTrail.InsertAsync(context.Database, audit);
        }
    }
}
