using System.Reflection;
using Npgsql;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// Applies the versioned SQL scripts in Data/Migrations (embedded, applied in name order, each in its own
/// transaction) and records them in schema_migrations. A session-level advisory lock makes concurrent
/// starts of several instances safe: the second waits, then finds nothing left to do.
/// Migrations run as the owner role (<c>ConnectionStrings:Migrations</c>); the application runs as a
/// runtime role (<c>ConnectionStrings:Default</c>) that gets only what it needs: reading and writing the
/// business tables, and nothing but INSERT and SELECT on the audit trail. Not owning the tables, it cannot
/// alter them or disable their triggers either. With only Default set (development) one role does both.
/// </summary>
public sealed class SchemaMigrator(ILogger<SchemaMigrator> logger)
{
    // Arbitrary but fixed: every instance of this application takes the same lock.
    private const long AdvisoryLockKey = 0x4C6961_69736F6E;

    public static IReadOnlyList<(string Version, string Sql)> Scripts { get; } = LoadScripts();

    /// <summary>The owner role's connection string: ConnectionStrings:Migrations, else Default.</summary>
    public static string MigrationsConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Migrations") is { Length: > 0 } migrations ? migrations : configuration.GetConnectionString("Default")!;

    /// <summary>The runtime role to grant to, when the application connects as another role than the migrations.</summary>
    public static string? RuntimeRole(IConfiguration configuration)
    {
        var runtime = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Default")).Username;
        var owner = new NpgsqlConnectionStringBuilder(MigrationsConnectionString(configuration)).Username;
        return string.IsNullOrEmpty(runtime) || string.Equals(runtime, owner, StringComparison.Ordinal) ? null : runtime;
    }

    /// <summary>Creates the database if needed, migrates it as the owner and grants the runtime role its rights.</summary>
    public async Task<int> MigrateAsync(IConfiguration configuration, CancellationToken ct)
    {
        var connectionString = MigrationsConnectionString(configuration);
        await EnsureDatabaseExistsAsync(connectionString, ct);
        return await MigrateAsync(connectionString, ct, RuntimeRole(configuration));
    }

    public async Task<int> MigrateAsync(string connectionString, CancellationToken ct, string? runtimeRole = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            lockCommand.CommandTimeout = 600;
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        try
        {
            await using (var create = new NpgsqlCommand(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                connection))
            {
                await create.ExecuteNonQueryAsync(ct);
            }

            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var read = new NpgsqlCommand("SELECT version FROM schema_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            var count = 0;
            foreach (var (version, sql) in Scripts.Where(s => !applied.Contains(s.Version)))
            {
                logger.LogInformation("Applying schema migration {Version}", version);
                await using var tx = await connection.BeginTransactionAsync(ct);
                await using (var apply = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 0 })
                {
                    await apply.ExecuteNonQueryAsync(ct);
                }

                await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version) VALUES (@v)", connection, tx))
                {
                    record.Parameters.AddWithValue("v", version);
                    await record.ExecuteNonQueryAsync(ct);
                }

                await tx.CommitAsync(ct);
                count++;
            }

            if (runtimeRole is not null)
            {
                await GrantAsync(connection, runtimeRole, ct);
                logger.LogInformation("Runtime role {Role} granted its rights (no UPDATE, DELETE or TRUNCATE on audit_entries)", runtimeRole);
            }

            logger.LogInformation("Schema is up to date ({Applied} migration(s) applied now, {Total} in all)", count, Scripts.Count);
            return count;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", AdvisoryLockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// What the application's own role may do, granted again after every migration (new tables included): read and
    /// write the business tables; on the audit trail only add and read entries, so the application itself can
    /// never rewrite or remove its audit (the retention purge runs as the owner); read which migrations ran.
    /// </summary>
    private static async Task GrantAsync(NpgsqlConnection connection, string role, CancellationToken ct)
    {
        var r = "\"" + role.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var grant = new NpgsqlCommand(
            $"""
            GRANT USAGE ON SCHEMA public TO {r};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {r};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {r};
            REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_entries FROM {r};
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON schema_migrations FROM {r};
            """,
            connection);
        await grant.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Creates the database named in the connection string if it does not exist yet.</summary>
    public static async Task EnsureDatabaseExistsAsync(string connectionString, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var database = builder.Database ?? throw new InvalidOperationException("The connection string names no database.");
        builder.Database = "postgres";
        builder.Pooling = false;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", connection);
        exists.Parameters.AddWithValue("n", database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await create.ExecuteNonQueryAsync(ct);
                    return;
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
                {
                    // Another instance created it at the same moment (reported either way, depending on timing).
                    return;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
                {
                    // template1 is briefly in use while another instance creates its database.
                    await Task.Delay(200, ct);
                }
            }
        }
    }

    private static List<(string, string)> LoadScripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (n["Migrations.".Length..^".sql".Length], reader.ReadToEnd());
            })
            .ToList();
    }
}
