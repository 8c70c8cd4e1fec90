using System.Diagnostics;
using System.Net;
using LiaisonStations.Tests.Shared;
using Npgsql;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// The key ring in the database is encrypted with the configured certificate, so a backup alone cannot forge a
/// sign-in cookie; every instance with the certificate shares it; and outside Development the application
/// refuses to serve without a certificate unless unencrypted keys are allowed on purpose.
/// </summary>
public sealed class KeyRingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Keys_are_stored_encrypted_and_a_second_instance_with_the_certificate_reads_the_cookie()
    {
        await fixture.SessionAsync("city");

        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("SELECT xml FROM data_protection_keys", connection);
            await using var reader = await read.ExecuteReaderAsync();
            var keys = new List<string>();
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }

            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
                Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
                // The plain form would carry the master key as <masterKey …><value>base64</value>.
                Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
            });
        }

        // Another instance (same database, same certificate) accepts the first one's sign-in cookie.
        await using var second = new AppFactory(fixture.AppConnectionString);
        var cookie = await CookieOfAsync();
        using var client = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://liaison.test") });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        using var page = await client.GetAsync("/Stations");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private async Task<string> CookieOfAsync()
    {
        using var response = await fixture.NewSession().SignInAsync("district", TestData.Password);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("liaison.auth", StringComparison.Ordinal)).Select(c => c.Split(';')[0]));
    }

    [Fact]
    public async Task Outside_development_the_app_refuses_to_serve_without_a_certificate_unless_told_to_allow_plain_keys()
    {
        var (refusedExit, refusedOutput) = await ServeAsync(new Dictionary<string, string>());

        Assert.Equal(1, refusedExit);
        Assert.Contains("DataProtection:CertificatePath is not set", refusedOutput, StringComparison.Ordinal);

        var (allowedExit, allowedOutput) = await ServeAsync(new Dictionary<string, string> { ["DataProtection__AllowUnencryptedKeys"] = "true" });
        Assert.True(allowedExit is null, allowedOutput);

        var (certificateExit, certificateOutput) = await ServeAsync(new Dictionary<string, string>
        {
            ["DataProtection__CertificatePath"] = TestCertificate.Path,
            ["DataProtection__CertificatePassword"] = TestCertificate.Password,
        });
        Assert.True(certificateExit is null, certificateOutput);
    }

    /// <summary>Starts the app as its own process in Production: its exit code if it stops by itself, null once it serves.</summary>
    private async Task<(int? ExitCode, string Output)> ServeAsync(Dictionary<string, string> environment)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(AppProcess.WebAppBinary())! };
        psi.ArgumentList.Add(AppProcess.WebAppBinary());
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.Environment["ConnectionStrings__Default"] = fixture.AppConnectionString;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        psi.Environment["Notifications__ReminderIntervalMinutes"] = "0";
        psi.Environment["Privacy__AnonymiseDaily"] = "false";
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        using var process = Process.Start(psi)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            for (var i = 0; i < 120; i++)
            {
                if (process.HasExited)
                {
                    await process.WaitForExitAsync();
                    lock (output)
                    {
                        return (process.ExitCode, output.ToString());
                    }
                }

                try
                {
                    using var live = await http.GetAsync("/health/live");
                    if (live.IsSuccessStatusCode)
                    {
                        return (null, string.Empty);
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(250);
            }

            lock (output)
            {
                return (-1, "neither served nor stopped in 30 s\n" + output);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
