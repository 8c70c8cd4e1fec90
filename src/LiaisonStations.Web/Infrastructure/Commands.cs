using LiaisonStations.Web.Data;
using LiaisonStations.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// Subcommands of the application: <c>migrate</c>, <c>seed</c>, <c>schema-sql</c>. They use the same
/// configuration and services as the web application and exit when done.
/// </summary>
public static class Commands
{
    private static readonly string[] Known = ["migrate", "seed", "schema-sql"];

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
        var connectionString = app.Configuration.GetConnectionString("Default")!;
        try
        {
            switch (command[0].ToLowerInvariant())
            {
                case "migrate":
                    await SchemaMigrator.EnsureDatabaseExistsAsync(connectionString, ct);
                    await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(connectionString, ct);
                    return 0;

                case "seed":
                {
                    await SchemaMigrator.EnsureDatabaseExistsAsync(connectionString, ct);
                    await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(connectionString, ct);
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
}
