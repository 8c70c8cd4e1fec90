using System.Diagnostics;

namespace LiaisonStations.IntegrationTests;

/// <summary>Runs the built application as its own process, the way an operator runs a subcommand.</summary>
internal static class AppProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string connectionString, params string[] args)
    {
        var dll = WebAppBinary();
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["ConnectionStrings__Default"] = connectionString;
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>The app as built beside the tests: src/LiaisonStations.Web/bin/&lt;Configuration&gt;/&lt;tfm&gt;/.</summary>
    public static string WebAppBinary()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);
        var tfm = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "LiaisonStations.sln")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root!.FullName, "src", "LiaisonStations.Web", "bin", configuration, tfm, "LiaisonStations.Web.dll");
        Assert.True(File.Exists(path), path);
        return path;
    }
}
