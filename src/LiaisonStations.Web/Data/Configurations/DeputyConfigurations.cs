using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Departments;
using LiaisonStations.Domain.Stations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiaisonStations.Web.Data.Configurations;

internal sealed class DeputyConfiguration : IEntityTypeConfiguration<Deputy>
{
    public void Configure(EntityTypeBuilder<Deputy> b)
    {
        b.ToTable("deputies");
        b.Property(d => d.Code).HasMaxLength(32);
        b.Property(d => d.Name).HasMaxLength(Deputy.MaxNameLength);
        b.Property(d => d.Term).HasMaxLength(30);
        b.Property(d => d.Sector).HasMaxLength(50);
        b.Property(d => d.Phone).HasMaxLength(30);
        b.Property(d => d.Version).IsRowVersion();
        b.Ignore(d => d.IsActive);
        b.HasIndex(d => d.Code).IsUnique();
        b.HasIndex(d => new { d.Status, d.Levels });
        b.HasIndex(d => d.ConstituencyAreaId);
        b.Property(d => d.ConstituencyPath).HasMaxLength(400);

        // The dashboard counts an area's deputies by path prefix, from the index alone (migration 0006).
        b.HasIndex(d => d.ConstituencyPath).HasOperators("text_pattern_ops").IncludeProperties(d => new { d.Status, d.Levels, d.IsStationed, d.EndedOn });
        b.HasIndex(d => d.Name).HasMethod("gin").HasOperators("gin_trgm_ops");
        b.HasOne<Area>().WithMany().HasForeignKey(d => d.ConstituencyAreaId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(d => d.Assignments, o =>
        {
            o.ToTable("station_assignments");
            o.WithOwner().HasForeignKey(a => a.DeputyId);
            o.HasKey(a => a.Id);
            o.Ignore(a => a.IsCurrent);
            o.HasOne<Station>().WithMany().HasForeignKey(a => a.StationId).OnDelete(DeleteBehavior.Restrict);
            o.HasIndex(a => new { a.StationId, a.To });
            o.HasIndex(a => new { a.DeputyId, a.To });
            // One current chief (站长) per station.
            o.HasIndex(a => a.StationId).IsUnique().HasFilter("role = 1 AND \"to\" IS NULL").HasDatabaseName("ux_station_assignments_current_chief");
        });
        b.Navigation(d => d.Assignments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class StarDeputyConfiguration : IEntityTypeConfiguration<StarDeputy>
{
    public void Configure(EntityTypeBuilder<StarDeputy> b)
    {
        b.ToTable("star_deputies");
        b.Property(r => r.Version).IsRowVersion();
        b.Property(r => r.NominationReason).HasMaxLength(1000);
        b.Property(r => r.PanelNote).HasMaxLength(1000);
        b.Property(r => r.RejectionReason).HasMaxLength(1000);
        b.HasIndex(r => new { r.DeputyId, r.Year }).IsUnique();
        b.HasIndex(r => new { r.Year, r.Stage });
        b.HasOne<Deputy>().WithMany().HasForeignKey(r => r.DeputyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.ToTable("departments");
        b.Property(d => d.Code).HasMaxLength(32);
        b.Property(d => d.Name).HasMaxLength(100);
        b.Property(d => d.ContactPerson).HasMaxLength(50);
        b.Property(d => d.ContactPhone).HasMaxLength(30);
        b.Property(d => d.Version).IsRowVersion();
        b.HasIndex(d => d.Code).IsUnique();
        b.HasIndex(d => d.AreaId);
        b.HasOne<Area>().WithMany().HasForeignKey(d => d.AreaId).OnDelete(DeleteBehavior.Restrict);
    }
}
