using System.Security.Cryptography;
using System.Text;
using LiaisonStations.Domain.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiaisonStations.Web.Open311;

/// <summary>
/// An API key issued by an administrator to one partner system (a WeChat mini-program, the 12345 hotline, a district's
/// app) that submits citizens' requests through Open311. Only its SHA-256 is stored; the key is shown once.
/// </summary>
public sealed class PartnerKey
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz";

    public int Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>The first characters of the key, to tell keys apart in the list (not enough to use it).</summary>
    public string Prefix { get; private set; } = string.Empty;

    public string KeyHash { get; private set; } = string.Empty;

    /// <summary>The channel requests from this partner are registered under (WeChat, Phone for 12345, Online).</summary>
    public RequestChannel Channel { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = string.Empty;

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    /// <summary>A new key: the entity to save and the key itself, to show once.</summary>
    public static (PartnerKey Entity, string Key) Issue(string name, RequestChannel channel, string createdBy, DateTimeOffset now)
    {
        var key = "lsk_" + RandomNumberGenerator.GetString(Alphabet, 40);
        return (new PartnerKey
        {
            Name = name.Trim(),
            Prefix = key[..10],
            KeyHash = Hash(key),
            Channel = channel,
            CreatedAt = now.ToUniversalTime(),
            CreatedBy = createdBy,
        }, key);
    }

    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now.ToUniversalTime();

    public void Used(DateTimeOffset now) => LastUsedAt = now.ToUniversalTime();
}

internal sealed class PartnerKeyConfiguration : IEntityTypeConfiguration<PartnerKey>
{
    public void Configure(EntityTypeBuilder<PartnerKey> b)
    {
        b.ToTable("partner_keys");
        b.Property(k => k.Name).HasMaxLength(100);
        b.Property(k => k.Prefix).HasMaxLength(16);
        b.Property(k => k.KeyHash).HasMaxLength(64);
        b.Property(k => k.CreatedBy).HasMaxLength(100);
        b.Ignore(k => k.IsActive);
        b.HasIndex(k => k.KeyHash).IsUnique();
    }
}
