using System.Security.Cryptography.X509Certificates;
using LiaisonStations.Web.Data;
using Microsoft.AspNetCore.DataProtection;

namespace LiaisonStations.Web.Infrastructure.Security;

/// <summary>
/// The data-protection key ring (it signs the sign-in cookies and antiforgery tokens) lives in the database,
/// so every instance shares it. Kept as plain XML, anyone holding a backup could forge a cookie of any role,
/// so the keys are encrypted with a configured certificate (DataProtection:CertificatePath, :CertificatePassword;
/// a PKCS#12 file, README shows how to make one with openssl). Outside Development the application refuses
/// to serve without one, unless DataProtection:AllowUnencryptedKeys is set to true on purpose (a trial).
/// </summary>
public static class KeyRing
{
    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        // The EF Core key store (Microsoft.AspNetCore.DataProtection.EntityFrameworkCore), table data_protection_keys.
        var protection = services.AddDataProtection().SetApplicationName("LiaisonStations").PersistKeysToDbContext<AppDbContext>();
        if (Certificate(configuration) is { } certificate)
        {
            // Decryption must not depend on the machine's certificate store: the same file decrypts on every instance.
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        return services;
    }

    /// <summary>Why the application may not serve with this configuration, or null when it may.</summary>
    public static string? Refusal(IConfiguration configuration, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(configuration["DataProtection:CertificatePath"])
            || environment.IsDevelopment()
            || configuration.GetValue("DataProtection:AllowUnencryptedKeys", false))
        {
            return null;
        }

        return "DataProtection:CertificatePath is not set: the sign-in key ring would be stored unencrypted in the database. "
            + "Configure a PKCS#12 certificate (DataProtection:CertificatePath and DataProtection:CertificatePassword; see README), "
            + "or set DataProtection:AllowUnencryptedKeys=true for a trial.";
    }

    private static X509Certificate2? Certificate(IConfiguration configuration)
    {
        var path = configuration["DataProtection:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath names {path}, which does not exist.");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The certificate in {path} has no private key; the key ring could be encrypted but never read again.");
        }

        return certificate;
    }
}
