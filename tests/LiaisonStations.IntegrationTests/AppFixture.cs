using LiaisonStations.Tests.Shared;

namespace LiaisonStations.IntegrationTests;

/// <summary>One test class's world: its own database cloned from the migrated template, the fixed test data, the app.</summary>
public class AppFixture : IAsyncLifetime
{
    public AppFactory Factory { get; private set; } = null!;

    public TestData Data { get; private set; } = null!;

    public string ConnectionString { get; private set; } = string.Empty;

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(GetType().Name);
        Data = await TestData.SeedAsync(ConnectionString, FixedClock.Default);
        Factory = new AppFactory(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }
    }

    public PageSession NewSession() => new(Factory.CreatePageClient());

    public Task<PageSession> SignedInAsync(string userName) => Factory.SignedInAsync(userName);

    public LiaisonStations.Web.Data.AppDbContext Db() => TestData.Context(ConnectionString);
}
