using LiaisonStations.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiaisonStations.Web.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.Property(n => n.UserId).HasMaxLength(64);
        b.Property(n => n.SubjectType).HasMaxLength(20);
        b.Property(n => n.SubjectLabel).HasMaxLength(200);
        b.Property(n => n.DedupeKey).HasMaxLength(120);
        b.HasIndex(n => new { n.UserId, n.DedupeKey }).IsUnique();
        b.HasIndex(n => new { n.UserId, n.ReadAt, n.CreatedAt });
        b.HasOne<Infrastructure.Security.AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
