using LiaisonStations.Web.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LiaisonStations.Tests.Shared;

/// <summary>
/// The PostgreSQL server the tests use: the one named by LIAISON_TEST_PG (a connection string) if set,
/// otherwise a throwaway cluster started once per test process. A template database is migrated once;
/// every test class gets its own database cloned from it (CREATE DATABASE … TEMPLATE), so classes run in
/// parallel and never see each other's data. As in production the schema belongs to an owner role and the
/// application under test connects as a runtime role (<see cref="AsRuntime"/>) with only the rights the
/// migrations grant it; the tests themselves read and arrange data as the server's administrator.
/// </summary>
public static class TestPostgres
{
    public const string OwnerRole = "liaison_test_owner";
    public const string RuntimeRole = "liaison_test_app";
    private const string RolePassword = "Test#2026-Roles";

    // Per process: several test assemblies may share one server (LIAISON_TEST_PG) at the same time.
    private static readonly string TemplateName = $"liaison_template_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..6]}";
    private static readonly List<string> Created = [];
    private static readonly SemaphoreSlim CloneLock = new(1, 1);
    private static readonly Lazy<Task<Server>> Instance = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task<Server> ServerAsync() => Instance.Value;

    /// <summary>Creates a fresh, migrated database for one test class and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var server = await ServerAsync();
        var name = $"t_{Sanitize(purpose)}_{Guid.NewGuid():N}".ToLowerInvariant();
        await CloneLock.WaitAsync();
        try
        {
            await using var connection = new NpgsqlConnection(server.AdminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE {TemplateName}", connection);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            CloneLock.Release();
        }

        Remember(name);
        return server.ConnectionStringFor(name);
    }

    /// <summary>An empty database with no schema at all (for migration tests).</summary>
    public static async Task<string> CreateEmptyDatabaseAsync(string purpose)
    {
        var server = await ServerAsync();
        var name = $"e_{Sanitize(purpose)}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0", connection);
        await command.ExecuteNonQueryAsync();
        Remember(name);
        return server.ConnectionStringFor(name);
    }

    /// <summary>Databases made on a shared server (LIAISON_TEST_PG) are dropped when the test process ends.</summary>
    public static void Remember(string database)
    {
        lock (Created)
        {
            Created.Add(database);
        }
    }

    private static void DropCreatedDatabases(string adminConnectionString)
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            using var connection = new NpgsqlConnection(adminConnectionString);
            connection.Open();
            string[] names;
            lock (Created)
            {
                names = [.. Created, TemplateName];
            }

            foreach (var name in names)
            {
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                drop.ExecuteNonQuery();
            }
        }
        catch (NpgsqlException)
        {
            // Best effort at process exit; the server may already be gone.
        }
    }

    /// <summary>The same database as the application's runtime role sees it (what AppFactory connects with).</summary>
    public static string AsRuntime(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = RuntimeRole, Password = RolePassword }.ConnectionString;

    /// <summary>The same database as the owner role (which ran the migrations).</summary>
    public static string AsOwner(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = OwnerRole, Password = RolePassword }.ConnectionString;

    private static string Sanitize(string s) => new(s.Where(char.IsAsciiLetterOrDigit).Take(20).ToArray());

    private static async Task<Server> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("LIAISON_TEST_PG");
        LocalPostgresCluster? cluster = null;
        string admin;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            admin = configured;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropCreatedDatabases(new NpgsqlConnectionStringBuilder(configured) { Pooling = false }.ConnectionString);
        }
        else
        {
            var root = Path.Combine(Path.GetTempPath(), $"liaison-test-pg-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
            cluster = await LocalPostgresCluster.StartAsync(root, null, CancellationToken.None, durable: false);
            admin = cluster.ConnectionString("postgres");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                cluster.Stop();
                try
                {
                    Directory.Delete(root, recursive: true);
                }
                catch (IOException)
                {
                    // Best effort: a temp folder left behind does no harm.
                }
                catch (UnauthorizedAccessException)
                {
                    // Same.
                }
            };
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Pooling = false };
        var server = new Server(builder.ConnectionString, cluster);
        await using (var connection = new NpgsqlConnection(server.AdminConnectionString))
        {
            await connection.OpenAsync();
            // Roles belong to the whole server, which several test processes may share.
            await LocalDatabase.EnsureRolesAsync(connection, OwnerRole, RuntimeRole, RolePassword);

            await using var create = new NpgsqlCommand($"CREATE DATABASE {TemplateName} OWNER {OwnerRole} TEMPLATE template0", connection);
            await create.ExecuteNonQueryAsync();
        }

        var templateConnection = new NpgsqlConnectionStringBuilder(server.ConnectionStringFor(TemplateName)) { Username = OwnerRole, Password = RolePassword }.ConnectionString;
        await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance).MigrateAsync(templateConnection, CancellationToken.None, RuntimeRole);
        NpgsqlConnection.ClearAllPools();
        return server;
    }

    public sealed class Server(string adminConnectionString, LocalPostgresCluster? cluster)
    {
        public string AdminConnectionString { get; } = adminConnectionString;

        public LocalPostgresCluster? Cluster { get; } = cluster;

        public string ConnectionStringFor(string database) =>
            new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true, MaxPoolSize = 20 }.ConnectionString;
    }
}
