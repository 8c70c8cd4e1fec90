namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// With no ConnectionStrings:Default configured, the application starts its own PostgreSQL cluster in a
/// git-ignored folder of the project (Database:LocalClusterFolder, default .devdb) and stops it when the
/// application stops.
/// </summary>
public static class LocalDatabase
{
    public const string DatabaseName = "liaison";

    public static async Task<LocalPostgresCluster?> StartIfNoConnectionStringAsync(WebApplication app)
    {
        if (!string.IsNullOrWhiteSpace(app.Configuration.GetConnectionString("Default")))
        {
            return null;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LocalDatabase");
        var folder = app.Configuration["Database:LocalClusterFolder"] ?? ".devdb";
        var root = Path.GetFullPath(Path.Combine(app.Environment.ContentRootPath, folder));
        logger.LogInformation("No connection string configured: starting a local PostgreSQL cluster in {Folder}", root);
        var cluster = await LocalPostgresCluster.StartAsync(root, message => logger.LogInformation("{Message}", message), CancellationToken.None);
        app.Configuration["ConnectionStrings:Default"] = cluster.ConnectionString(DatabaseName);
        app.Configuration["Database:MigrateOnStartup"] = "true";
        app.Lifetime.ApplicationStopped.Register(cluster.Stop);
        return cluster;
    }
}
