using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// A private PostgreSQL cluster started with the machine's initdb/pg_ctl, for development runs without a
/// configured server and for tests. PostgreSQL refuses to run as root, so as root the cluster runs as the
/// <c>postgres</c> system account on a folder that account owns.
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable, IDisposable
{
    private readonly string _binDir;
    private readonly bool _asPostgresUser;
    private string _serverOptions = string.Empty;
    private int _stopped;

    private LocalPostgresCluster(string root, string binDir, bool asPostgresUser, int port)
    {
        Root = root;
        _binDir = binDir;
        _asPostgresUser = asPostgresUser;
        Port = port;
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public int Port { get; }

    public string ConnectionString(string database, string user = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username={user};Database={database};Include Error Detail=true";

    /// <summary>Initializes the cluster on first use, then starts it on a free port.</summary>
    public static async Task<LocalPostgresCluster> StartAsync(string root, Action<string>? log, CancellationToken ct, bool durable = true)
    {
        var binDir = FindBinDirectory();
        var asPostgres = IsRoot();
        if (asPostgres && BlockedParent(root) is { } blocked)
        {
            // A checkout in root's home (or any folder the postgres account cannot pass through): keep the cluster
            // where that account can reach it, one folder per checkout, and say where.
            var fallback = FallbackFolder(root);
            log?.Invoke($"the postgres account cannot reach {root} ({blocked} is closed to others): the local cluster is kept in {fallback} instead");
            root = fallback;
            Directory.CreateDirectory(Path.GetDirectoryName(root)!);
            if (OperatingSystem.IsLinux())
            {
                // Whatever root's umask, the postgres account must pass through the shared parent.
                File.SetUnixFileMode(Path.GetDirectoryName(root)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }
        }

        Directory.CreateDirectory(root);
        if (asPostgres)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", root], ct);
        }

        var cluster = new LocalPostgresCluster(root, binDir, asPostgres, FreePort());
        var dataDir = cluster.DataDirectory;
        if (!File.Exists(Path.Combine(dataDir, "PG_VERSION")))
        {
            log?.Invoke($"initializing a local PostgreSQL cluster in {dataDir}");
            await cluster.PgAsync("initdb", ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], ct);
        }
        else if (File.Exists(Path.Combine(dataDir, "postmaster.pid")))
        {
            // A previous run was killed without stopping its server: stop it before starting again.
            await cluster.PgAsync("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"], ct, throwOnError: false);
            File.Delete(Path.Combine(dataDir, "postmaster.pid"));
        }

        // The Unix socket path is limited to about 100 bytes; deep checkouts use /tmp for it instead.
        var socketDir = root.Length < 80 ? root : Path.GetTempPath().TrimEnd('/');
        var options = $"-p {cluster.Port} -k {socketDir} -c listen_addresses=127.0.0.1 -c max_connections=200";
        if (!durable)
        {
            // Throwaway test clusters trade crash safety for speed.
            options += " -c fsync=off -c full_page_writes=off -c synchronous_commit=off";
        }
        cluster._serverOptions = options;
        await cluster.StartServerAsync(ct);
        log?.Invoke($"local PostgreSQL listening on 127.0.0.1:{cluster.Port}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return cluster;
    }

    /// <summary>Starts the server again on the same port (after <see cref="StopServerAsync"/>).</summary>
    public Task StartServerAsync(CancellationToken ct) =>
        PgAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(Root, "postgres.log"), "-o", _serverOptions, "-w", "-t", "60", "start"], ct);

    /// <summary>Stops the server for a while (fast shutdown: open sessions are cut, as in an outage); <see cref="StartServerAsync"/> brings it back.</summary>
    public Task StopServerAsync(CancellationToken ct) =>
        PgAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "30", "stop"], ct);

    /// <summary>Stops the server (fast shutdown) for good. Safe to call more than once.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            PgAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "30", "stop"], CancellationToken.None, throwOnError: false)
                .GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already gone (for example after Ctrl+C reached the server's process group first).
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    public void Dispose() => Stop();

    private Task<string> PgAsync(string tool, string[] args, CancellationToken ct, bool throwOnError = true)
    {
        var exe = Path.Combine(_binDir, tool);
        return _asPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", exe, .. args], ct, throwOnError)
            : RunAsync(exe, args, ct, throwOnError);
    }

    private static async Task<string> RunAsync(string file, string[] args, CancellationToken ct, bool throwOnError = true)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        // pg_ctl start leaves the server holding the pipes open; read what is there without waiting for EOF.
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(ct);
        string text;
        lock (output)
        {
            text = output.ToString();
        }

        if (throwOnError && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed with exit code {process.ExitCode}: {text}");
        }

        return text;
    }

    private static string FindBinDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("PG_BIN");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "pg_ctl")))
        {
            return fromEnv;
        }

        var candidates = new List<string>();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries));
        candidates.AddRange(["/usr/local/pgsql/bin", "/usr/pgsql/bin", "/opt/homebrew/bin", "/usr/local/bin"]);
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install PostgreSQL 15 or later, set PG_BIN to its bin folder, or configure ConnectionStrings:Default.");
    }

    private static bool IsRoot() => OperatingSystem.IsLinux() && Environment.UserName == "root";

    /// <summary>The first existing parent of the folder that the postgres account cannot pass through (no execute bit for others), if any.</summary>
    private static string? BlockedParent(string root)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        for (var dir = Path.GetDirectoryName(Path.GetFullPath(root)); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(dir) && !File.GetUnixFileMode(dir).HasFlag(UnixFileMode.OtherExecute))
            {
                return dir;
            }
        }

        return null;
    }

    /// <summary>
    /// Where the cluster of an unreachable checkout lives instead: under the postgres account's home (as Debian's
    /// own clusters do), else /var/tmp; named after the folder and a hash of its full path, so each checkout keeps
    /// its own data between runs.
    /// </summary>
    private static string FallbackFolder(string root)
    {
        var full = Path.GetFullPath(root).TrimEnd('/');
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..12];
        var home = File.Exists("/etc/passwd")
            ? File.ReadLines("/etc/passwd").Select(l => l.Split(':')).FirstOrDefault(f => f.Length > 5 && f[0] == "postgres")?[5]
            : null;
        var parent = home is { Length: > 1 } && Directory.Exists(home) && BlockedParent(Path.Combine(home, "x")) is null ? home : "/var/tmp";
        return Path.Combine(parent, "liaison-stations", $"{Path.GetFileName(full).TrimStart('.')}-{hash}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
