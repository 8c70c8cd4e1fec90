using System.Diagnostics;
using System.Net;

namespace LiaisonStations.Bench;

/// <summary>The app served by Kestrel in its own process, as in production, on a free loopback port.</summary>
internal sealed class AppServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<HttpClient> _clients = [];

    private AppServer(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<AppServer> StartAsync(string app, string database)
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(app)! };
        psi.ArgumentList.Add(app);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.Environment["ConnectionStrings__Default"] = database;
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Security__AllowInsecureCookies"] = "true";
        // A benchmark, not a deployment: the key ring stays unencrypted (production sets a certificate).
        psi.Environment["DataProtection__AllowUnencryptedKeys"] = "true";
        psi.Environment["Security__LoginAttemptsPerMinute"] = "1000";
        psi.Environment["Bench__BarePage"] = "true";

        // The submit benchmark sends many forms from one address at once: no minimum fill time, no daily limits.
        psi.Environment["Public__MinFillSeconds"] = "0";
        psi.Environment["Public__SubmitsPerAddressBeforeChallenge"] = "100000000";
        psi.Environment["Public__SubmitsPerAddressPerDay"] = "100000000";
        psi.Environment["Public__SubmitsPerPhonePerDay"] = "100000000";
        // Request logging at Information would time the console, not the page.
        psi.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AppServer(process, new Uri($"http://127.0.0.1:{port}"));
        using var probe = new HttpClient { BaseAddress = server.Address };
        for (var i = 0; i < 120; i++)
        {
            try
            {
                using var ready = await probe.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException("the app did not become ready");
    }

    public HttpClient NewClient()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Address };
        _clients.Add(client);
        return client;
    }

    public async Task<HttpClient> SignInAsync(string user)
    {
        var client = NewClient();
        await Program.SignInAsync(client, user);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
