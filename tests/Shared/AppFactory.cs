using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiaisonStations.Tests.Shared;

/// <summary>The real application against a test's own PostgreSQL database, with a clock the test controls.</summary>
public class AppFactory(string connectionString, FixedClock? clock = null, string environment = "Testing", IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public FixedClock Clock { get; } = clock ?? new FixedClock();

    public string ConnectionString { get; } = connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("Demo:Seed", "false");
        // Tests raise reminders themselves when they want them; no background timer runs in a test host.
        builder.UseSetting("Notifications:ReminderIntervalMinutes", "0");
        builder.UseSetting("Privacy:AnonymiseDaily", "false");
        // The test clock stands still, so the sign-in minute never ends: a generous limit, except where it is the subject.
        builder.UseSetting("Security:LoginAttemptsPerMinute", "100000");
        // As in production, the key ring is encrypted with a certificate (one made for this test run).
        builder.UseSetting("DataProtection:CertificatePath", TestCertificate.Path);
        builder.UseSetting("DataProtection:CertificatePassword", TestCertificate.Password);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>A client over https (cookies are Secure outside Development; HSTS skips "localhost"), keeping cookies, not following redirects.</summary>
    public HttpClient CreatePageClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://liaison.test") });

    /// <summary>A page session signed in as one of the test accounts.</summary>
    public async Task<PageSession> SignedInAsync(string userName, string password = TestData.Password)
    {
        var session = new PageSession(CreatePageClient());
        using var response = await session.SignInAsync(userName, password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in of {userName} failed: {(int)response.StatusCode}");
        }

        return session;
    }
}
