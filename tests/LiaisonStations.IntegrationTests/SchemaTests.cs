using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LiaisonStations.IntegrationTests;

/// <summary>The versioned migrations produce exactly the schema the EF model expects, and run safely in parallel.</summary>
public sealed class SchemaTests
{
    private static readonly string[] SqlOnly = ["ix_citizen_requests_summary_bigrams"];

    [Fact]
    public async Task Migrated_schema_equals_the_schema_of_the_model()
    {
        var migrated = await TestPostgres.CreateEmptyDatabaseAsync("migrated");
        await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance).MigrateAsync(migrated, CancellationToken.None);
        var fromModel = await TestPostgres.CreateEmptyDatabaseAsync("model");
        await using (var db = TestData.Context(fromModel))
        {
            // The one place EnsureCreated is allowed: building the model's own schema to compare against.
            await db.Database.EnsureCreatedAsync();
        }

        var expected = await SnapshotAsync(fromModel);
        // Objects the EF model cannot express, created only by the migration scripts (each explained there).
        var actual = (await SnapshotAsync(migrated)).Where(row => !SqlOnly.Any(row.Contains)).ToList();

        Assert.NotEmpty(expected);
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0, $"missing from migrations:\n{string.Join('\n', missing)}\nnot in the model:\n{string.Join('\n', extra)}");
    }

    [Fact]
    public async Task Two_migrations_at_once_both_succeed_and_apply_each_script_once()
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync("parallel");
        var migrator = new SchemaMigrator(NullLogger<SchemaMigrator>.Instance);

        var results = await Task.WhenAll(
            Task.Run(() => migrator.MigrateAsync(database, CancellationToken.None)),
            Task.Run(() => migrator.MigrateAsync(database, CancellationToken.None)));

        Assert.Equal(SchemaMigrator.Scripts.Count, results.Sum());
        Assert.Equal(SchemaMigrator.Scripts.Count, await ScalarAsync(database, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Two_migrate_commands_started_together_both_exit_successfully()
    {
        var server = await TestPostgres.ServerAsync();
        var database = $"cmd_{Guid.NewGuid():N}"[..20];
        TestPostgres.Remember(database);
        var connectionString = server.ConnectionStringFor(database);
        
        // The command creates the database itself if it is missing; both race for that too.
        var runs = await Task.WhenAll(AppProcess.RunAsync(connectionString, "migrate"), AppProcess.RunAsync(connectionString, "migrate"));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Output));
        Assert.Equal(SchemaMigrator.Scripts.Count, await ScalarAsync(connectionString, "SELECT count(*) FROM schema_migrations"));
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> SnapshotAsync(string connectionString)
    {
        const string sql = """
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || udt_name || ' null=' || is_nullable
                   || ' len=' || coalesce(character_maximum_length::text, '-') || ' default=' || coalesce(column_default, '-')
                   || ' identity=' || is_identity || coalesce(identity_generation, '')
              FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migrations'
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
              FROM pg_constraint
             WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'schema_migrations'
            UNION ALL
            SELECT 'extension ' || extname FROM pg_extension
            ORDER BY 1
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
