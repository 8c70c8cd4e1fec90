using LiaisonStations.Web.Data;
using LiaisonStations.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// Subcommands of the application: <c>migrate</c>, <c>seed</c>, <c>schema-sql</c>, <c>create-user</c>, <c>import</c>. They use
/// the same configuration and services as the web application and exit when done.
/// </summary>
public static class Commands
{
    private static readonly string[] Known = ["migrate", "seed", "schema-sql", "create-user", "import"];

    public static (string[]? Command, string[] HostArgs) Split(string[] args)
    {
        if (args.Length > 0 && Known.Contains(args[0], StringComparer.OrdinalIgnoreCase))
        {
            // Everything after the subcommand belongs to it; the host gets no arguments.
            return (args, []);
        }

        return (null, args);
    }

    public static async Task<int> RunAsync(WebApplication app, string[] command, CancellationToken ct)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Commands");
        try
        {
            switch (command[0].ToLowerInvariant())
            {
                case "migrate":
                    await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(app.Configuration, ct);
                    return 0;

                case "seed":
                {
                    await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(app.Configuration, ct);
                    await using var scope = app.Services.CreateAsyncScope();
                    var seeded = await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).SeedIfEmptyAsync(ct);
                    if (!seeded)
                    {
                        logger.LogWarning("The database already holds data; demo data is only seeded into an empty database");
                    }

                    return 0;
                }

                case "schema-sql":
                {
                    // Prints the schema the EF model expects: the starting point for writing the next migration script.
                    await using var scope = app.Services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    await Console.Out.WriteLineAsync(db.Database.GenerateCreateScript());
                    return 0;
                }

                case "create-user":
                    await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(app.Configuration, ct);
                    return await CreateUserAsync(app, command[1..], logger, ct);

                case "import":
                    await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(app.Configuration, ct);
                    return await ImportAsync(app, command[1..], ct);

                default:
                    logger.LogError("Unknown command {Command}", command[0]);
                    return 2;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or Npgsql.NpgsqlException)
        {
            logger.LogError(e, "Command {Command} failed", command[0]);
            return 1;
        }
    }

    /// <summary>
    /// create-user --name N --role R --password P [--display-name D] [--district CODE] [--station CODE]... [--deputy CODE] [--department CODE]
    /// </summary>
    private static async Task<int> CreateUserAsync(WebApplication app, string[] args, ILogger logger, CancellationToken ct)
    {
        var options = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                await Console.Error.WriteLineAsync($"create-user: unexpected argument '{args[i]}'");
                return 2;
            }

            options.TryAdd(args[i][2..], []);
            options[args[i][2..]].Add(args[++i]);
        }

        string? One(string key) => options.TryGetValue(key, out var v) ? v[^1] : null;
        var name = One("name");
        var role = One("role");
        var password = One("password");
        if (name is null || role is null || password is null)
        {
            await Console.Error.WriteLineAsync("usage: create-user --name N --role R --password P [--display-name D] [--district CODE] [--station CODE]... [--deputy CODE] [--department CODE]");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var provisioning = ActivatorUtilities.CreateInstance<Security.AccountProvisioning>(scope.ServiceProvider);
        var errors = await provisioning.CreateAsync(
            new Security.AccountProvisioning.Request(name, One("display-name") ?? name, role, password, One("district"), options.GetValueOrDefault("station") ?? [], One("deputy"), One("department")),
            ct);
        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync($"create-user: {error}");
        }

        if (errors.Count == 0)
        {
            logger.LogInformation("Account {UserName} created with role {Role}", name, role);
        }

        return errors.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// import &lt;folder&gt; [--dry-run]: the DESIGN §7 files found in the folder (areas, stations, deputies,
    /// assignments, reception_days, requests; .csv or .xlsx). Every problem is printed as file:line:column: reason;
    /// exit 1 and nothing written if there is any.
    /// </summary>
    private static async Task<int> ImportAsync(WebApplication app, string[] args, CancellationToken ct)
    {
        var dryRun = args.Contains("--dry-run", StringComparer.OrdinalIgnoreCase);
        var folders = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (folders.Count != 1 || !Directory.Exists(folders[0]))
        {
            await Console.Error.WriteLineAsync("usage: import <folder> [--dry-run]   (folder with areas/stations/deputies/assignments/reception_days/requests .csv or .xlsx)");
            return 2;
        }

        var l = app.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
        var tables = new List<Table>();
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folders[0]).Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
        {
            try
            {
                await using var stream = File.OpenRead(file);
                tables.Add(Table.Read(Path.GetFileName(file), stream));
            }
            catch (TableFormatException e)
            {
                problems.Add(new Import.ImportProblem(Path.GetFileName(file), e.Line, e.Column, l.Reason(e)).ToString());
            }
            catch (IOException e)
            {
                problems.Add($"{Path.GetFileName(file)}:1:-: {e.Message}");
            }
        }

        foreach (var problem in problems)
        {
            await Console.Error.WriteLineAsync(problem);
        }

        if (problems.Count > 0)
        {
            return 1;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var import = ActivatorUtilities.CreateInstance<Import.RosterImport>(scope.ServiceProvider);
        var report = await import.RunAsync(tables, Import.ImportScope.Everything, dryRun, new Domain.Common.Actor(null, "import"), ct);
        foreach (var problem in report.Problems)
        {
            await Console.Error.WriteLineAsync(problem.ToString());
        }

        foreach (var c in report.Counts)
        {
            await Console.Out.WriteLineAsync($"{c.File}: {c.Rows} rows, {c.Created} created, {c.Updated} updated, {c.Unchanged} unchanged");
        }

        var outcome = !report.Ok ? $"{report.Problems.Count} problems, nothing written" : dryRun ? "dry run: no problems, nothing written" : "written";
        await Console.Out.WriteLineAsync($"import: {outcome} ({report.Elapsed.TotalSeconds:0.0} s)");
        return report.Ok ? 0 : 1;
    }
}
