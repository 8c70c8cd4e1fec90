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
public class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser, IdentityRole, string>(options)
{
    public DbSet<Area> Areas => Set<Area>();

    public DbSet<Station> Stations => Set<Station>();

    public DbSet<StationStarRating> StationStarRatings => Set<StationStarRating>();

    public DbSet<Deputy> Deputies => Set<Deputy>();

    public DbSet<StarDeputy> StarDeputies => Set<StarDeputy>();

    public DbSet<Department> Departments => Set<Department>();

    public DbSet<ReceptionDay> ReceptionDays => Set<ReceptionDay>();

    public DbSet<CitizenRequest> CitizenRequests => Set<CitizenRequest>();

    public DbSet<RequestCategory> RequestCategories => Set<RequestCategory>();

    public DbSet<Suggestion> Suggestions => Set<Suggestion>();

    public DbSet<LegislativeConsultation> LegislativeConsultations => Set<LegislativeConsultation>();

    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();

    public DbSet<DocumentCounter> DocumentCounters => Set<DocumentCounter>();

    public DbSet<UserStation> UserStations => Set<UserStation>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

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
        SnakeCaseNames.Apply(builder);
    }

    /// <summary>
    /// Whether a request summary contains a two-character term, answered by the index of character pairs
    /// (migration 0003); pg_trgm cannot use its index for terms shorter than three characters.
    /// </summary>
    public static bool SummaryHasPair(string summary, string pair) => throw new NotSupportedException("only in queries");
}
