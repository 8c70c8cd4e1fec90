using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// The application's own database role cannot undo its audit trail: it may add and read entries, but not
/// change, delete or truncate them, nor disable or drop the trigger that guards them, nor switch triggers off
/// for its session. Migrations run as the owner role and grant the runtime role exactly that.
/// </summary>
public sealed class AuditRoleTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static async Task<PostgresException> RefusedAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task The_runtime_role_cannot_alter_disable_or_delete_audit_entries()
    {
        await using var app = new NpgsqlConnection(fixture.AppConnectionString);
        await app.OpenAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO audit_entries (at, action, result) VALUES (now(), 'Test.Runtime', 1), (now() - interval '400 days', 'Test.Ancient', 1)", app))
        {
            Assert.Equal(2, await insert.ExecuteNonQueryAsync());
        }

        string[] refused =
        [
            "UPDATE audit_entries SET action = 'Forged'",
            "DELETE FROM audit_entries WHERE action = 'Test.Runtime'",
            "TRUNCATE audit_entries",
            "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only",
            "ALTER TABLE audit_entries DISABLE TRIGGER ALL",
            "DROP TRIGGER audit_entries_append_only ON audit_entries",
            "DROP TABLE audit_entries",
            "ALTER TABLE audit_entries OWNER TO " + TestPostgres.RuntimeRole,
            "CREATE OR REPLACE FUNCTION audit_entries_guard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END; $$",
            "SET session_replication_role = replica",
            "SET liaison.audit_purge = 'on'; DELETE FROM audit_entries WHERE action = 'Test.Ancient'",
        ];
        foreach (var sql in refused)
        {
            var e = await RefusedAsync(app, sql);
            Assert.True(e.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {e.SqlState} {e.MessageText}");
        }

        await using (var facts = new NpgsqlCommand(
            "SELECT r.rolsuper, has_table_privilege(current_user, 'audit_entries', 'INSERT'), has_table_privilege(current_user, 'audit_entries', 'UPDATE'), pg_get_userbyid(c.relowner) = current_user FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.relname = 'audit_entries'", app))
        await using (var reader = await facts.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.False(reader.GetBoolean(0), "the runtime role is no superuser");
            Assert.True(reader.GetBoolean(1), "it adds entries");
            Assert.False(reader.GetBoolean(2), "it cannot change them");
            Assert.False(reader.GetBoolean(3), "it does not own the table");
        }

        await using var check = new NpgsqlConnection(fixture.ConnectionString);
        await check.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM audit_entries WHERE action IN ('Test.Runtime', 'Test.Ancient')", check);
        Assert.Equal(2L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Migrating_with_an_owner_role_grants_the_runtime_role_named_by_the_default_connection()
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync("roles");
        await using (var admin = new NpgsqlConnection(database))
        {
            await admin.OpenAsync();
            await using var own = new NpgsqlCommand($"ALTER DATABASE \"{admin.Database}\" OWNER TO {TestPostgres.OwnerRole}", admin);
            await own.ExecuteNonQueryAsync();
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = TestPostgres.AsRuntime(database),
            ["ConnectionStrings:Migrations"] = TestPostgres.AsOwner(database),
        }).Build();

        Assert.Equal(TestPostgres.RuntimeRole, SchemaMigrator.RuntimeRole(configuration));
        await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance).MigrateAsync(configuration, CancellationToken.None);

        await using var app = new NpgsqlConnection(TestPostgres.AsRuntime(database));
        await app.OpenAsync();
        await using (var write = new NpgsqlCommand("INSERT INTO request_categories (name) VALUES ('测试') RETURNING id", app))
        {
            Assert.NotNull(await write.ExecuteScalarAsync());
        }

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await RefusedAsync(app, "DELETE FROM audit_entries")).SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await RefusedAsync(app, "DELETE FROM schema_migrations")).SqlState);
        // With only Default set, one role does both and nothing is granted.
        Assert.Null(SchemaMigrator.RuntimeRole(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = database }).Build()));
    }
}
