using System.Net;
using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiaisonStations.IntegrationTests;

public sealed class HealthTests
{
    [Fact]
    public async Task Ready_answers_200_with_the_database_up_and_503_once_it_is_stopped()
    {
        // A cluster of its own, so stopping it does not disturb the other tests.
        var root = Path.Combine(Path.GetTempPath(), $"liaison-health-{Guid.NewGuid():N}");
        await using var cluster = await LocalPostgresCluster.StartAsync(root, null, CancellationToken.None, durable: false);
        var connectionString = cluster.ConnectionString("postgres");
        await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance).MigrateAsync(connectionString, CancellationToken.None);
        await using var factory = new AppFactory(connectionString + ";Timeout=3");
        using var client = factory.CreateClient();

        using (var up = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        }

        cluster.Stop();
        Npgsql.NpgsqlConnection.ClearAllPools();

        using (var down = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        }

        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        TryDelete(root);
    }

    [Fact]
    public async Task Ready_answers_503_when_the_server_cannot_be_reached_at_all()
    {
        await using var factory = new AppFactory("Host=127.0.0.1;Port=1;Database=none;Username=postgres;Timeout=2");
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    private static void TryDelete(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind does no harm.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
