using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Stations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiaisonStations.Web.Data.Configurations;

internal sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> b)
    {
        b.ToTable("areas");
        b.Property(a => a.Code).HasMaxLength(20);
        b.Property(a => a.Name).HasMaxLength(Area.MaxNameLength);
        b.Property(a => a.Abbreviation).HasMaxLength(8);
        b.Property(a => a.Path).HasMaxLength(400);
        b.HasIndex(a => a.Code).IsUnique();
        // Prefix searches on the path ("everything under this district") need the pattern operator class.
        b.HasIndex(a => a.Path).HasOperators("text_pattern_ops");
        b.HasIndex(a => new { a.ParentId, a.Level });
        b.HasOne(a => a.Parent).WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StationConfiguration : IEntityTypeConfiguration<Station>
{
    public void Configure(EntityTypeBuilder<Station> b)
    {
        b.ToTable("stations");
        b.Property(s => s.Code).HasMaxLength(Station.MaxCodeLength);
        b.Property(s => s.Name).HasMaxLength(Station.MaxNameLength);
        b.Property(s => s.Address).HasMaxLength(Station.MaxAddressLength);
        b.Property(s => s.ContactPhone).HasMaxLength(30);
        b.Property(s => s.AreaPath).HasMaxLength(400);
        b.Property(s => s.ClosedReason).HasMaxLength(500);
        b.Property(s => s.Version).IsRowVersion();
        b.Ignore(s => s.Schedule);
        b.Ignore(s => s.IsActive);
        b.Ignore(s => s.StandardsMet);
        b.HasIndex(s => s.Code).IsUnique();
        b.HasIndex(s => s.AreaPath).HasOperators("text_pattern_ops").IncludeProperties(s => new { s.Kind, s.OpenedOn, s.ClosedOn });
        b.HasIndex(s => new { s.Kind, s.Status });
        b.HasIndex(s => s.AreaId);
        b.HasOne<Area>().WithMany().HasForeignKey(s => s.AreaId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(s => s.Standards, o =>
        {
            o.ToTable("station_standards");
            o.WithOwner().HasForeignKey("StationId");
            o.HasKey(x => x.Id);
            o.Property(x => x.Note).HasMaxLength(500);
            o.HasIndex("StationId", nameof(StationStandard.Standard)).IsUnique();
        });
        b.Navigation(s => s.Standards).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class StationStarRatingConfiguration : IEntityTypeConfiguration<StationStarRating>
{
    public void Configure(EntityTypeBuilder<StationStarRating> b)
    {
        b.ToTable("station_star_ratings");
        b.Property(r => r.Version).IsRowVersion();
        b.Property(r => r.NominationReason).HasMaxLength(1000);
        b.Property(r => r.PanelNote).HasMaxLength(1000);
        b.Property(r => r.RejectionReason).HasMaxLength(1000);
        b.HasIndex(r => new { r.StationId, r.Year }).IsUnique();
        b.HasIndex(r => new { r.Year, r.Stage });
        b.HasOne<Station>().WithMany().HasForeignKey(r => r.StationId).OnDelete(DeleteBehavior.Cascade);
    }
}
