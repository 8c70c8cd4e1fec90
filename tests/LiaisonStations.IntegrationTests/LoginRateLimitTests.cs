using System.Net;
using LiaisonStations.Tests.Shared;

namespace LiaisonStations.IntegrationTests;

/// <summary>The login rate limit per client address: an office signing in a dozen people never hits it, a flood does.</summary>
public sealed class LoginRateLimitTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_dozen_honest_sign_ins_pass_and_a_flood_of_attempts_is_refused()
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
    }
}
