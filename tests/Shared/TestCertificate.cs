using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LiaisonStations.Tests.Shared;

/// <summary>A PKCS#12 certificate made once per test run, for the encrypted key ring (DataProtection:CertificatePath).</summary>
public static class TestCertificate
{
    public const string Password = "Test#2026-KeyRing";

    private static readonly Lazy<string> File = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => File.Value;

    private static string Create()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=LiaisonStations test key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"liaison-keyring-{Environment.ProcessId}-{Guid.NewGuid():N}.pfx");
        System.IO.File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.File.Delete(path);
            }
            catch (IOException)
            {
                // Best effort.
            }
        };
        return path;
    }
}
