using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Calendar;
using LiaisonStations.Domain.Consultations;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Departments;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Domain.Suggestions;
using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Data;

/// <summary>The one database of the application, used directly by pages and queries (no repository layer).</summary>
public class AppDbContext : IdentityDbContext<AppUser, IdentityRole, string>, Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    public AppDbContext(DbContextOptions<AppDbContext> options)
        : base(options)
    {
    }

    /// <summary>For <see cref="ReadOnlyDb"/>: the same model over another connection.</summary>
    protected AppDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Area> Areas => Set<Area>();

    public DbSet<Station> Stations => Set<Station>();

    public DbSet<StationStarRating> StationStarRatings => Set<StationStarRating>();

    public DbSet<Deputy> Deputies => Set<Deputy>();

    public DbSet<StarDeputy> StarDeputies => Set<StarDeputy>();

    public DbSet<Department> Departments => Set<Department>();

    public DbSet<ReceptionDay> ReceptionDays => Set<ReceptionDay>();

    public DbSet<CitizenRequest> CitizenRequests => Set<CitizenRequest>();

    public DbSet<RequestCategory> RequestCategories => Set<RequestCategory>();

    public DbSet<RequestPhoto> RequestPhotos => Set<RequestPhoto>();

    public DbSet<Domain.Voting.VotingRound> VotingRounds => Set<Domain.Voting.VotingRound>();

    public DbSet<Domain.Voting.PublicVote> PublicVotes => Set<Domain.Voting.PublicVote>();

    /// <summary>Keys of the partner systems that submit through Open311 (hashed).</summary>
    public DbSet<Open311.PartnerKey> PartnerKeys => Set<Open311.PartnerKey>();

    /// <summary>Counters of the citizens' site's limits (submissions, look-ups), shared by every instance.</summary>
    public DbSet<Infrastructure.RateCounter> RateCounters => Set<Infrastructure.RateCounter>();

    public DbSet<Suggestion> Suggestions => Set<Suggestion>();

    public DbSet<LegislativeConsultation> LegislativeConsultations => Set<LegislativeConsultation>();

    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();

    public DbSet<DocumentCounter> DocumentCounters => Set<DocumentCounter>();

    public DbSet<UserStation> UserStations => Set<UserStation>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    /// <summary>The data-protection key ring (PersistKeysToDbContext), shared by every instance; encrypted with a certificate (KeyRing).</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Identity's tables in schema version 1 (no passkeys): pinned in IdentityOptions too, so a context made
        // outside the application's service provider (tests, tools) builds the same model.
        base.OnModelCreating(builder);

        // Trigram indexes answer Chinese substring search (LIKE '%供暖%') on large tables.
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        builder.HasDbFunction(typeof(AppDbContext).GetMethod(nameof(SummaryHasPair))!).HasName("liaison_summary_has_pair");
    }

    /// <summary>Options outside the application's container (tests, tools): the same naming as <c>AddLiaisonStations</c>.</summary>
    public static DbContextOptions<AppDbContext> OptionsFor(string connectionString) =>
        new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options;

    /// <summary>
    /// One change, one transaction: the rows a save writes and the audit entries the <see cref="AuditInterceptor"/>
    /// writes for them commit together or not at all. Once the rows are written, the rest no longer listens to
    /// the request's cancellation (a closed browser tab must not leave a change without its audit line).
    /// </summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        InOneTransactionAsync(() => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (Database.CurrentTransaction is not null)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var transaction = Database.BeginTransaction();
        var count = base.SaveChanges(acceptAllChangesOnSuccess);
        transaction.Commit();
        return count;
    }

    /// <summary>
    /// Runs a change made of several writes — saves, a user manager's own saves, notices raised with SQL — as one
    /// transaction, so all of it commits or none of it (inside an open transaction it simply joins that one).
    /// The commit ignores cancellation: what was written is committed whole.
    /// </summary>
    public Task InOneTransactionAsync(Func<Task> change, CancellationToken ct) =>
        InOneTransactionAsync(async () =>
        {
            await change();
            return true;
        }, ct);

    /// <inheritdoc cref="InOneTransactionAsync(Func{Task}, CancellationToken)"/>
    public async Task<T> InOneTransactionAsync<T>(Func<Task<T>> change, CancellationToken ct)
    {
        if (Database.CurrentTransaction is not null)
        {
            return await change();
        }

        await using var transaction = await Database.BeginTransactionAsync(ct);
        var result = await change();
        await transaction.CommitAsync(CancellationToken.None);
        return result;
    }

    /// <summary>
    /// Whether a request summary contains a two-character term, answered by the index of character pairs
    /// (migration 0003); pg_trgm cannot use its index for terms shorter than three characters.
    /// </summary>
    public static bool SummaryHasPair(string summary, string pair) => throw new NotSupportedException("only in queries");
}
