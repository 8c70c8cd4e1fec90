using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Departments;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiaisonStations.Web.Data.Configurations;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.ToTable("users");
        // Identity names these indexes itself (EmailIndex, UserNameIndex); the schema has them in snake_case.
        b.HasIndex(u => u.NormalizedEmail).HasDatabaseName("email_index");
        b.HasIndex(u => u.NormalizedUserName).HasDatabaseName("user_name_index");
        b.Property(u => u.DisplayName).HasMaxLength(50);
        b.HasOne<Area>().WithMany().HasForeignKey(u => u.DistrictAreaId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Deputy>().WithMany().HasForeignKey(u => u.DeputyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(u => u.Stations).WithOne().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(u => u.DeputyId);
        b.HasIndex(u => u.DepartmentId);
        b.HasIndex(u => u.DistrictAreaId);
    }
}

internal sealed class UserStationConfiguration : IEntityTypeConfiguration<UserStation>
{
    public void Configure(EntityTypeBuilder<UserStation> b)
    {
        b.ToTable("user_stations");
        b.HasKey(s => new { s.UserId, s.StationId });
        b.HasOne<Station>().WithMany().HasForeignKey(s => s.StationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => s.StationId);
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.ToTable("user_sessions");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.UserId).HasMaxLength(64);
        b.Property(s => s.ClientAddress).HasMaxLength(64);
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.UserId);
    }
}

internal sealed class IdentityTableNames :
    IEntityTypeConfiguration<IdentityRole>,
    IEntityTypeConfiguration<IdentityUserRole<string>>,
    IEntityTypeConfiguration<IdentityUserClaim<string>>,
    IEntityTypeConfiguration<IdentityUserLogin<string>>,
    IEntityTypeConfiguration<IdentityUserToken<string>>,
    IEntityTypeConfiguration<IdentityRoleClaim<string>>
{
    public void Configure(EntityTypeBuilder<IdentityRole> b)
    {
        b.ToTable("roles");
        b.HasIndex(r => r.NormalizedName).HasDatabaseName("role_name_index");
    }

    public void Configure(EntityTypeBuilder<IdentityUserRole<string>> b) => b.ToTable("user_roles");

    public void Configure(EntityTypeBuilder<IdentityUserClaim<string>> b) => b.ToTable("user_claims");

    public void Configure(EntityTypeBuilder<IdentityUserLogin<string>> b) => b.ToTable("user_logins");

    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> b) => b.ToTable("user_tokens");

    public void Configure(EntityTypeBuilder<IdentityRoleClaim<string>> b) => b.ToTable("role_claims");
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Property(a => a.UserId).HasMaxLength(64);
        b.Property(a => a.UserName).HasMaxLength(100);
        b.Property(a => a.ClientAddress).HasMaxLength(64);
        b.Property(a => a.Action).HasMaxLength(60);
        b.Property(a => a.TargetType).HasMaxLength(40);
        b.Property(a => a.TargetId).HasMaxLength(64);
        b.Property(a => a.Details).HasMaxLength(1000);
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.Action, a.At });
        b.HasIndex(a => new { a.UserName, a.At });
        b.HasIndex(a => new { a.TargetType, a.TargetId });
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> b)
    {
        b.ToTable("data_protection_keys");
        b.Property(k => k.FriendlyName).HasMaxLength(200);
        b.Property(k => k.Xml).IsRequired();
    }
}
