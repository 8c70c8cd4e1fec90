using System.Net;
using LiaisonStations.Tests.Shared;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// The login rate limit per client address: an office signing in a dozen people never hits it, a flood does — and the
/// count lives in PostgreSQL, so a second instance refuses the same address too (issue 15: nothing per instance).
/// </summary>
public sealed class LoginRateLimitTests(LoginRateLimitTests.Fixture fixture) : IClassFixture<LoginRateLimitTests.Fixture>
{
    /// <summary>The production limit: 30 attempts a minute.</summary>
    public sealed class Fixture : AppFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await Factory.DisposeAsync();
            Factory = new AppFactory(AppConnectionString, settings: new Dictionary<string, string?> { ["Security:LoginAttemptsPerMinute"] = "30" });
        }
    }

    [Fact]
    public async Task A_dozen_honest_sign_ins_pass_and_a_flood_of_attempts_is_refused_on_every_instance()
    {
        for (var i = 0; i < 12; i++)
        {
            var session = new PageSession(fixture.Factory.CreatePageClient());
            using var response = await session.SignInAsync(TestData.Accounts[i % TestData.Accounts.Length], TestData.Password);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var flood = new PageSession(fixture.Factory.CreatePageClient());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            using var response = await flood.SignInAsync("robot" + i, "Guess#Password-1");
            statuses.Add(response.StatusCode);
        }

        // 30 attempts a minute are allowed: 12 honest ones and 18 guesses pass, the rest are refused.
        Assert.Equal(18, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // Another instance on the same database refuses the same address at once, even a right password.
        await using var second = new AppFactory(fixture.AppConnectionString, fixture.Factory.Clock, settings: new Dictionary<string, string?> { ["Security:LoginAttemptsPerMinute"] = "30" });
        using (var refused = await new PageSession(second.CreatePageClient()).SignInAsync("admin", TestData.Password))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        // The next minute, sign-ins pass again.
        fixture.Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        using var later = await new PageSession(second.CreatePageClient()).SignInAsync("admin", TestData.Password);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
    }
}
