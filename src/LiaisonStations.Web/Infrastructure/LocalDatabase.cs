using Npgsql;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// With no ConnectionStrings:Default configured, the application starts its own PostgreSQL cluster in a
/// git-ignored folder of the project (Database:LocalClusterFolder, default .devdb) and stops it when the
/// application stops. As in production, the schema belongs to an owner role (liaison_owner, which migrates)
/// and the application connects as a runtime role (liaison_app) that cannot alter or delete audit entries.
/// </summary>
public static class LocalDatabase
{
    public const string DatabaseName = "liaison";
    public const string OwnerRole = "liaison_owner";
    public const string RuntimeRole = "liaison_app";

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
        var owner = await PrepareRolesAsync(cluster);
        app.Configuration["ConnectionStrings:Default"] = cluster.ConnectionString(DatabaseName, RuntimeRole);
        app.Configuration["ConnectionStrings:Migrations"] = cluster.ConnectionString(DatabaseName, owner);
        app.Configuration["Database:MigrateOnStartup"] = "true";
        app.Lifetime.ApplicationStopped.Register(cluster.Stop);
        return cluster;
    }

    /// <summary>
    /// Creates the owner role and the runtime role (login, nothing else) unless they exist. Roles belong to the
    /// whole server, which several processes may prepare at once (test runs): an advisory lock makes one do it.
    /// The names are this application's constants.
    /// </summary>
    public static async Task EnsureRolesAsync(NpgsqlConnection admin, string owner, string runtime, string? password)
    {
        var login = password is null ? "LOGIN" : $"LOGIN PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'";
        await using var roles = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_lock(727274);
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{owner}') THEN CREATE ROLE {owner} {login}; END IF;
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{runtime}') THEN CREATE ROLE {runtime} {login} NOSUPERUSER NOCREATEDB NOCREATEROLE; END IF;
            END $$;
            SELECT pg_advisory_unlock(727274);
            """,
            admin);
        await roles.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The two roles and the database owned by the owner role; returns the role that owns the database (a
    /// cluster made by an earlier version keeps its database owned by postgres, which then migrates).
    /// </summary>
    private static async Task<string> PrepareRolesAsync(LocalPostgresCluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await EnsureRolesAsync(connection, OwnerRole, RuntimeRole, password: null);

        await using var find = new NpgsqlCommand($"SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '{DatabaseName}'", connection);
        if (await find.ExecuteScalarAsync() is string existingOwner)
        {
            return existingOwner;
        }

        await using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName} OWNER {OwnerRole}", connection);
        await create.ExecuteNonQueryAsync();
        return OwnerRole;
    }
}
