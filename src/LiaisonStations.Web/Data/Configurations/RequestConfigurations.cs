using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Departments;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Domain.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiaisonStations.Web.Data.Configurations;

internal sealed class CitizenRequestConfiguration : IEntityTypeConfiguration<CitizenRequest>
{
    public void Configure(EntityTypeBuilder<CitizenRequest> b)
    {
        b.ToTable("citizen_requests");
        b.Property(r => r.TrackingNumber).HasMaxLength(40);
        b.Property(r => r.TrackingCode).HasMaxLength(32);
        b.Property(r => r.Summary).HasMaxLength(CitizenRequest.MaxSummaryLength);
        b.Property(r => r.CitizenName).HasMaxLength(50);
        b.Property(r => r.CitizenPhone).HasMaxLength(30);
        b.Property(r => r.CitizenAddress).HasMaxLength(200);
        b.Property(r => r.Version).IsRowVersion();
        b.Ignore(r => r.IsOpen);
        b.Ignore(r => r.CurrentReferral);
        b.HasIndex(r => r.TrackingNumber).IsUnique();
        b.HasIndex(r => r.TrackingCode).IsUnique();
        b.HasIndex(r => r.SubmissionKey).IsUnique().HasFilter("submission_key IS NOT NULL");
        // Spam is not counted as collected: the flag rides in the index, so the count stays an index-only scan.
        // The id after the date: the list's order (registered_on DESC, id DESC) reads its page straight off the index
        // rather than sorting every request of the newest days (issue 13; migration 0016).
        b.HasIndex(r => new { r.StationId, r.RegisteredOn, r.Id }).IncludeProperties(r => r.WithdrawnAsSpam);
        b.HasIndex(r => new { r.RegisteredOn, r.Id }).IncludeProperties(r => r.Status);
        b.HasIndex(r => new { r.Status, r.DueOn });
        b.HasIndex(r => r.ResolvedOn);
        b.HasIndex(r => r.FinishedOn);

        // The dashboard counts per station and date: one index per date it counts by, led by the station,
        // so an area's figures are index-only range scans over its stations (migration 0005).
        b.HasIndex(r => new { r.StationId, r.ResolvedOn }).HasFilter("resolved_on IS NOT NULL");
        b.HasIndex(r => new { r.StationId, r.FinishedOn }).HasFilter("finished_on IS NOT NULL");
        b.HasIndex(r => new { r.StationId, r.ClosedOn }).IncludeProperties(r => r.RegisteredOn).HasFilter("closed_on IS NOT NULL");
        b.HasIndex(r => new { r.StationId, r.Status, r.DueOn }).HasFilter("due_on IS NOT NULL");
        b.HasIndex(r => r.CurrentDepartmentId);
        b.HasIndex(r => r.CategoryId);
        b.HasIndex(r => r.ReceptionDayId);
        b.HasIndex(r => r.Summary).HasMethod("gin").HasOperators("gin_trgm_ops");
        // Any part of a request number, in any case (2026-ng-000797, 000797).
        b.HasIndex(r => r.TrackingNumber, "ix_citizen_requests_tracking_number_trgm").HasDatabaseName("ix_citizen_requests_tracking_number_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        b.HasOne<Station>().WithMany().HasForeignKey(r => r.StationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ReceptionDay>().WithMany().HasForeignKey(r => r.ReceptionDayId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RequestCategory>().WithMany().HasForeignKey(r => r.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(r => r.CurrentDepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Suggestion>().WithMany().HasForeignKey(r => r.SuggestionId).OnDelete(DeleteBehavior.Restrict);

        b.OwnsMany(r => r.Events, o =>
        {
            o.ToTable("request_events");
            o.WithOwner().HasForeignKey("CitizenRequestId");
            o.HasKey(x => x.Id);
            o.Property(x => x.Note).HasMaxLength(4000);
            o.Property(x => x.ActorUserId).HasMaxLength(64);
            o.Property(x => x.ActorName).HasMaxLength(100);
            o.HasIndex("CitizenRequestId");
            o.HasIndex(x => new { x.Action, x.At });
        });
        b.OwnsMany(r => r.Deputies, o =>
        {
            o.ToTable("request_deputies");
            o.WithOwner().HasForeignKey("CitizenRequestId");
            o.HasKey(x => x.Id);
            o.HasOne<Deputy>().WithMany().HasForeignKey(x => x.DeputyId).OnDelete(DeleteBehavior.Restrict);
            o.HasIndex("CitizenRequestId", nameof(RequestDeputy.DeputyId)).IsUnique();
            o.HasIndex(x => x.DeputyId);
        });
        b.OwnsMany(r => r.Referrals, o =>
        {
            o.ToTable("request_referrals");
            o.WithOwner().HasForeignKey("CitizenRequestId");
            o.HasKey(x => x.Id);
            o.Property(x => x.Note).HasMaxLength(2000);
            o.Property(x => x.Reply).HasMaxLength(4000);
            o.Property(x => x.RepliedBy).HasMaxLength(100);
            o.Property(x => x.ReturnReason).HasMaxLength(2000);
            o.Property(x => x.ExtensionReason).HasMaxLength(2000);
            o.Ignore(x => x.ExtensionPending);
            o.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            o.HasIndex("CitizenRequestId");
            o.HasIndex(x => new { x.DepartmentId, x.DueOn });
        });
        b.OwnsMany(r => r.Evaluations, o =>
        {
            o.ToTable("request_evaluations");
            o.WithOwner().HasForeignKey("CitizenRequestId");
            o.HasKey(x => x.Id);
            o.Property(x => x.Note).HasMaxLength(2000);
            o.Property(x => x.RecordedBy).HasMaxLength(100);
            o.HasIndex("CitizenRequestId", nameof(RequestEvaluation.Round)).IsUnique();
            o.HasIndex(x => x.EvaluatedOn);
            o.Property(x => x.Source);
            o.HasIndex(x => new { x.StationId, x.EvaluatedOn }).IncludeProperties(x => new { x.Evaluation, x.Source });
            o.HasOne<Station>().WithMany().HasForeignKey(x => x.StationId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Navigation(r => r.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(r => r.Deputies).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(r => r.Referrals).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(r => r.Evaluations).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RequestPhotoConfiguration : IEntityTypeConfiguration<RequestPhoto>
{
    public void Configure(EntityTypeBuilder<RequestPhoto> b)
    {
        b.ToTable("request_photos");
        b.Property(p => p.ContentType).HasMaxLength(40);
        b.HasOne(p => p.Request).WithMany().HasForeignKey(p => p.CitizenRequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => p.CitizenRequestId);
    }
}

internal sealed class RequestCategoryConfiguration : IEntityTypeConfiguration<RequestCategory>
{
    public void Configure(EntityTypeBuilder<RequestCategory> b)
    {
        b.ToTable("request_categories");
        b.Property(c => c.Name).HasMaxLength(50);
        b.Property(c => c.EnglishName).HasMaxLength(50);
        b.HasIndex(c => c.Name).IsUnique();
    }
}

internal sealed class SuggestionConfiguration : IEntityTypeConfiguration<Suggestion>
{
    public void Configure(EntityTypeBuilder<Suggestion> b)
    {
        b.ToTable("suggestions");
        b.Property(s => s.Number).HasMaxLength(40);
        b.Property(s => s.Title).HasMaxLength(200);
        b.Property(s => s.Body).HasMaxLength(20_000);
        b.Property(s => s.Category).HasMaxLength(50);
        b.Property(s => s.SessionName).HasMaxLength(100);
        b.Property(s => s.ReclassificationReason).HasMaxLength(1000);
        b.Property(s => s.LeadSupervisor).HasMaxLength(50);
        b.Property(s => s.Version).IsRowVersion();
        b.Ignore(s => s.LeadDepartmentId);
        b.HasIndex(s => s.Number).IsUnique().HasFilter("number IS NOT NULL");
        b.HasIndex(s => new { s.Status, s.DueOn });
        b.HasIndex(s => s.LeadDeputyId);
        b.HasIndex(s => s.SubmittedOn);
        b.HasIndex(s => s.FirstRepliedOn);
        b.HasOne<Deputy>().WithMany().HasForeignKey(s => s.LeadDeputyId).OnDelete(DeleteBehavior.Restrict);

        b.OwnsMany(s => s.CoSigners, o =>
        {
            o.ToTable("suggestion_co_signers");
            o.WithOwner().HasForeignKey("SuggestionId");
            o.HasKey(x => x.Id);
            o.HasOne<Deputy>().WithMany().HasForeignKey(x => x.DeputyId).OnDelete(DeleteBehavior.Restrict);
            o.HasIndex("SuggestionId", nameof(SuggestionCoSigner.DeputyId)).IsUnique();
            o.HasIndex(x => x.DeputyId);
        });
        b.OwnsMany(s => s.HandlingUnits, o =>
        {
            o.ToTable("suggestion_handling_units");
            o.WithOwner().HasForeignKey("SuggestionId");
            o.HasKey(x => x.Id);
            o.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            o.HasIndex("SuggestionId", nameof(HandlingUnit.DepartmentId)).IsUnique();
            o.HasIndex(x => x.DepartmentId);
        });
        b.OwnsMany(s => s.Replies, o =>
        {
            o.ToTable("suggestion_replies");
            o.WithOwner().HasForeignKey("SuggestionId");
            o.HasKey(x => x.Id);
            o.Property(x => x.Text).HasMaxLength(10_000);
            o.Property(x => x.RepliedBy).HasMaxLength(100);
            o.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            o.HasIndex("SuggestionId");
            o.HasIndex(x => x.DepartmentId);
        });
        b.OwnsMany(s => s.Evaluations, o =>
        {
            o.ToTable("suggestion_evaluations");
            o.WithOwner().HasForeignKey("SuggestionId");
            o.HasKey(x => x.Id);
            o.Property(x => x.Note).HasMaxLength(2000);
            o.Property(x => x.EvaluatedBy).HasMaxLength(100);
            o.HasIndex("SuggestionId", nameof(SuggestionEvaluation.Round)).IsUnique();
        });
        b.OwnsMany(s => s.LinkedRequests, o =>
        {
            o.ToTable("suggestion_request_links");
            o.WithOwner().HasForeignKey("SuggestionId");
            o.HasKey(x => x.Id);
            o.HasOne<CitizenRequest>().WithMany().HasForeignKey(x => x.CitizenRequestId).OnDelete(DeleteBehavior.Restrict);
            o.HasIndex("SuggestionId", nameof(SuggestionRequestLink.CitizenRequestId)).IsUnique();
            o.HasIndex(x => x.CitizenRequestId);
        });
        b.OwnsMany(s => s.Events, o =>
        {
            o.ToTable("suggestion_events");
            o.WithOwner().HasForeignKey("SuggestionId");
            o.HasKey(x => x.Id);
            o.Property(x => x.Note).HasMaxLength(2000);
            o.Property(x => x.ActorUserId).HasMaxLength(64);
            o.Property(x => x.ActorName).HasMaxLength(100);
            o.HasIndex("SuggestionId");
        });
        foreach (var navigation in new[] { "CoSigners", "HandlingUnits", "Replies", "Evaluations", "LinkedRequests", "Events" })
        {
            b.Navigation(navigation).UsePropertyAccessMode(PropertyAccessMode.Field);
        }
    }
}
