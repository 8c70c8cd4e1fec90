using LiaisonStations.Domain.Calendar;
using LiaisonStations.Domain.Consultations;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Departments;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Stations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiaisonStations.Web.Data.Configurations;

internal sealed class ReceptionDayConfiguration : IEntityTypeConfiguration<ReceptionDay>
{
    public void Configure(EntityTypeBuilder<ReceptionDay> b)
    {
        b.ToTable("reception_days");
        b.Property(r => r.Code).HasMaxLength(40);
        b.Property(r => r.Theme).HasMaxLength(ReceptionDay.MaxThemeLength);
        b.Property(r => r.Minutes).HasMaxLength(10_000);
        b.Property(r => r.CancelReason).HasMaxLength(500);
        b.Property(r => r.Version).IsRowVersion();
        b.Ignore(r => r.IsReception);
        b.HasIndex(r => r.Code).IsUnique().HasFilter("code IS NOT NULL");
        b.HasIndex(r => new { r.StationId, r.Date });
        b.HasIndex(r => new { r.Date, r.Type, r.Status });
        // Generating planned days from the schedule rule twice must not create duplicates.
        b.HasIndex(r => new { r.StationId, r.Date }).IsUnique().HasFilter("from_schedule").HasDatabaseName("ux_reception_days_schedule");
        b.HasOne<Station>().WithMany().HasForeignKey(r => r.StationId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(r => r.Deputies, o =>
        {
            o.ToTable("reception_day_deputies");
            o.WithOwner().HasForeignKey("ReceptionDayId");
            o.HasKey(x => x.Id);
            o.HasOne<Deputy>().WithMany().HasForeignKey(x => x.DeputyId).OnDelete(DeleteBehavior.Restrict);
            o.HasIndex("ReceptionDayId", nameof(ReceptionDayDeputy.DeputyId)).IsUnique();
            o.HasIndex(x => x.DeputyId);
        });
        b.OwnsMany(r => r.Officials, o =>
        {
            o.ToTable("reception_day_officials");
            o.WithOwner().HasForeignKey("ReceptionDayId");
            o.HasKey(x => x.Id);
            o.Property(x => x.Name).HasMaxLength(50);
            o.Property(x => x.Title).HasMaxLength(50);
            o.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            o.HasIndex(x => x.DepartmentId);
        });
        b.OwnsMany(r => r.DutyReports, o =>
        {
            o.ToTable("duty_report_entries");
            o.WithOwner().HasForeignKey("ReceptionDayId");
            o.HasKey(x => x.Id);
            o.Ignore(x => x.TotalVotes);
            o.Ignore(x => x.SatisfactionRate);
            o.HasOne<Deputy>().WithMany().HasForeignKey(x => x.DeputyId).OnDelete(DeleteBehavior.Restrict);
            o.HasIndex("ReceptionDayId", nameof(DutyReportEntry.DeputyId)).IsUnique();
            o.HasIndex(x => x.DeputyId);
        });
        b.Ignore(r => r.PlacesTaken);
        b.OwnsMany(r => r.Appointments, o =>
        {
            o.ToTable("reception_day_appointments");
            o.WithOwner().HasForeignKey("ReceptionDayId");
            o.HasKey(x => x.Id);
            o.Property(x => x.Name).HasMaxLength(50);
            o.Property(x => x.Phone).HasMaxLength(20);
            o.Property(x => x.Topic).HasMaxLength(Appointment.MaxTopicLength);
            o.Property(x => x.Code).HasMaxLength(32);
            o.HasIndex(x => x.Code).IsUnique();
            o.HasIndex("ReceptionDayId");
        });
        b.Navigation(r => r.Appointments).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(r => r.Deputies).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(r => r.Officials).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(r => r.DutyReports).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class LegislativeConsultationConfiguration : IEntityTypeConfiguration<LegislativeConsultation>
{
    public void Configure(EntityTypeBuilder<LegislativeConsultation> b)
    {
        b.ToTable("legislative_consultations");
        b.Property(c => c.DraftTitle).HasMaxLength(200);
        b.Property(c => c.Description).HasMaxLength(4000);
        b.Property(c => c.Summary).HasMaxLength(20_000);
        b.Property(c => c.Version).IsRowVersion();
        b.HasIndex(c => new { c.StationId, c.OpensOn });
        b.HasOne<Station>().WithMany().HasForeignKey(c => c.StationId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(c => c.Opinions, o =>
        {
            o.ToTable("consultation_opinions");
            // The name PostgreSQL's 63-character limit cut when the table was made (migration 0001).
            o.WithOwner().HasForeignKey("LegislativeConsultationId").HasConstraintName("fk_consultation_opinions_legislative_consultations_legislative~");
            o.HasKey(x => x.Id);
            o.Property(x => x.Text).HasMaxLength(4000);
            o.Property(x => x.FromWhom).HasMaxLength(100);
            o.Property(x => x.RecordedBy).HasMaxLength(100);
        });
        b.Navigation(c => c.Opinions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.ToTable("calendar_days");
        b.HasKey(d => d.Date);
        b.Property(d => d.Name).HasMaxLength(50);
    }
}

internal sealed class DocumentCounterConfiguration : IEntityTypeConfiguration<DocumentCounter>
{
    public void Configure(EntityTypeBuilder<DocumentCounter> b)
    {
        b.ToTable("document_counters");
        b.HasKey(c => c.Scope);
        b.Property(c => c.Scope).HasMaxLength(60);
    }
}
