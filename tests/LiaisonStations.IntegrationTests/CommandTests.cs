using System.Net;
using LiaisonStations.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.IntegrationTests;

/// <summary>The create-user subcommand makes the first account of an installation; it can sign in without a forced change.</summary>
public sealed class CommandTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Create_user_makes_an_account_bound_to_its_scope()
    {
        var (exit, output) = await AppProcess.RunAsync(fixture.ConnectionString, "create-user", "--name", "firstclerk", "--role", "StationClerk", "--password", "First#Account-2026", "--station", "ST-RS");

        Assert.True(exit == 0, output);
        await using (var db = fixture.Db())
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "firstclerk");
            Assert.False(user.MustChangePassword);
            Assert.Equal([fixture.Data.RongshiStationId], await db.UserStations.Where(s => s.UserId == user.Id).Select(s => s.StationId).ToListAsync());
            Assert.Equal("StationClerk", await db.UserRoles.Where(r => r.UserId == user.Id).Select(r => r.RoleId).SingleAsync());
        }

        var session = await fixture.Factory.SignedInAsync("firstclerk", "First#Account-2026");
        using var stations = await session.Client.GetAsync("/Stations");
        Assert.Equal(HttpStatusCode.OK, stations.StatusCode);
    }

    [Theory]
    [InlineData("StationClerk", "--station", "NO-SUCH", "every station code must exist")]
    [InlineData("DistrictStaff", "--district", "999999", "no district")]
    [InlineData("Boss", "--district", "230103", "unknown role")]
    public async Task Create_user_refuses_a_bad_scope_or_role_and_creates_nothing(string role, string option, string value, string message)
    {
        var (exit, output) = await AppProcess.RunAsync(fixture.ConnectionString, "create-user", "--name", "bad-" + role, "--role", role, "--password", "First#Account-2026", option, value);

        Assert.Equal(1, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
        await using var db = fixture.Db();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "bad-" + role));
    }

    [Fact]
    public async Task Create_user_refuses_a_weak_password()
    {
        var (exit, output) = await AppProcess.RunAsync(fixture.ConnectionString, "create-user", "--name", "weak", "--role", "CityStaff", "--password", "weakpassword");

        Assert.Equal(1, exit);
        Assert.Contains("三类", output, StringComparison.Ordinal);
    }
}
