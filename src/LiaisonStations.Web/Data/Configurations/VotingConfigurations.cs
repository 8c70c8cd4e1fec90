using LiaisonStations.Domain.Voting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiaisonStations.Web.Data.Configurations;

internal sealed class VotingRoundConfiguration : IEntityTypeConfiguration<VotingRound>
{
    public void Configure(EntityTypeBuilder<VotingRound> b)
    {
        b.ToTable("voting_rounds");
        b.Property(r => r.Title).HasMaxLength(VotingRound.MaxTitleLength);
        b.Property(r => r.CreatedBy).HasMaxLength(100);
        b.Property(r => r.Version).IsRowVersion();
        b.HasIndex(r => new { r.Kind, r.Year });
        b.OwnsMany(r => r.Nominees, o =>
        {
            o.ToTable("voting_nominees");
            o.WithOwner().HasForeignKey("VotingRoundId");
            o.HasKey(x => x.Id);
            o.HasIndex("VotingRoundId", nameof(VotingNominee.HonourId)).IsUnique();
        });
        b.Navigation(r => r.Nominees).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PublicVoteConfiguration : IEntityTypeConfiguration<PublicVote>
{
    public void Configure(EntityTypeBuilder<PublicVote> b)
    {
        b.ToTable("public_votes");
        b.Property(v => v.PhoneHash).HasMaxLength(64);
        // One vote per mobile number per round, enforced by the database whatever the instance.
        b.HasIndex(v => new { v.RoundId, v.PhoneHash }).IsUnique();
        b.HasIndex(v => new { v.RoundId, v.HonourId });
        b.HasOne<VotingRound>().WithMany().HasForeignKey(v => v.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}
