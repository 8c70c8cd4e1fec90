using Npgsql;

namespace LiaisonStations.Bench;

/// <summary>
/// partition — the province data (generate --shape province, made here if missing) measured as it is, then a copy with
/// citizen_requests and reception_days in yearly range partitions (bench/partition.sql) measured the same way: the
/// dashboard timings before and after, and the time the conversion took (issue 15, point 6; docs/scaling.md).
/// </summary>
public static partial class Program
{
    private static async Task PartitionAsync(string pg, string app, int samples, bool reuse)
    {
        var flat = new NpgsqlConnectionStringBuilder(pg) { Database = "liaison_bench_province" }.ConnectionString;
        if (!reuse || await CountRequestsAsync(pg, flat) < 1_000_000)
        {
            await GenerateAsync(pg, app, "province");
        }

        await MeasureDashboardsAsync(app, flat, "province, one table per kind (as the app runs today)", samples, province: true);

        NpgsqlConnection.ClearAllPools();
        var partitioned = new NpgsqlConnectionStringBuilder(pg) { Database = "liaison_bench_partitioned" }.ConnectionString;
        await using (var connection = new NpgsqlConnection(pg))
        {
            await connection.OpenAsync();
            await using (var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS liaison_bench_partitioned WITH (FORCE)", connection))
            {
                await drop.ExecuteNonQueryAsync();
            }

            await using var copy = new NpgsqlCommand("CREATE DATABASE liaison_bench_partitioned TEMPLATE liaison_bench_province", connection) { CommandTimeout = 0 };
            await copy.ExecuteNonQueryAsync();
        }

        await StepAsync("yearly partitions of citizen_requests and reception_days (bench/partition.sql)", () => RunSqlAsync(partitioned, "partition.sql", []));
        await StepAsync("vacuum and analyze", () => VacuumAsync(partitioned));
        await using (var connection = new NpgsqlConnection(partitioned))
        {
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_inherits WHERE inhparent IN ('citizen_requests'::regclass, 'reception_days'::regclass)", connection);
            Console.WriteLine($"partitions: {await count.ExecuteScalarAsync()}");
        }

        await MeasureDashboardsAsync(app, partitioned, "province, yearly partitions", samples, province: true);
    }
}
