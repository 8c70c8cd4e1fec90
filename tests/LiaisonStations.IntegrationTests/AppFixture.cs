using LiaisonStations.Tests.Shared;

namespace LiaisonStations.IntegrationTests;

/// <summary>One test class's world: its own database cloned from the migrated template, the fixed test data, the app.</summary>
public class AppFixture : IAsyncLifetime
{
    public AppFactory Factory { get; protected set; } = null!;

    public TestData Data { get; private set; } = null!;

    /// <summary>The test's own connection (the server's administrator), for arranging and checking data.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>What the application under test connects with: the runtime role.</summary>
    public string AppConnectionString => TestPostgres.AsRuntime(ConnectionString);

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(GetType().Name);
        Data = await TestData.SeedAsync(ConnectionString, FixedClock.Default);
        Factory = new AppFactory(AppConnectionString);
    }

    public virtual async Task DisposeAsync()
    {
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }
    }

    public PageSession NewSession() => new(Factory.CreatePageClient());

    public Task<PageSession> SignedInAsync(string userName) => Factory.SignedInAsync(userName);

    private readonly Dictionary<string, PageSession> _sessions = [];
    private readonly SemaphoreSlim _sessionLock = new(1, 1);

    /// <summary>One signed-in session per account, shared by a class's tests (sign-ins are rate limited, as in production).</summary>
    public async Task<PageSession> SessionAsync(string userName)
    {
        await _sessionLock.WaitAsync();
        try
        {
            if (!_sessions.TryGetValue(userName, out var session))
            {
                session = userName == "anonymous" ? NewSession() : await SignedInAsync(userName);
                _sessions[userName] = session;
            }

            return session;
        }
        finally
        {
            _sessionLock.Release();
        }
    }

    public LiaisonStations.Web.Data.AppDbContext Db() => TestData.Context(ConnectionString);
}
