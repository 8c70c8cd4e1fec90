using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// 网上投票 (issue 14, point 6): city staff open a vote on the nominations that passed the initial review; the public
/// votes once per mobile number, confirmed by a code sent through the SMS gateway (here a fake one on loopback); the
/// counts go into the nominations' public-vote stage.
/// </summary>
public sealed partial class VotingTests(VotingTests.Fixture fixture) : IClassFixture<VotingTests.Fixture>
{
    /// <summary>The app with its SMS gateway pointed at a loopback fake that keeps every message.</summary>
    public sealed class Fixture : AppFixture
    {
        private WebApplication? _gateway;

        public ConcurrentQueue<(string Key, string Phone, string Text)> Messages { get; } = new();

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            _gateway = builder.Build();
            _gateway.MapPost("/send", (HttpRequest r) =>
            {
                var phone = r.Query["to"].ToString();
                if (phone.EndsWith("0000", StringComparison.Ordinal))
                {
                    return Results.StatusCode(500);
                }

                Messages.Enqueue((r.Query["key"].ToString(), phone, r.Query["text"].ToString()));
                return Results.Ok();
            });
            await _gateway.StartAsync();
            var address = _gateway.Urls.First();
            await Factory.DisposeAsync();
            Factory = new AppFactory(AppConnectionString, settings: new Dictionary<string, string?>
            {
                ["Sms:UrlTemplate"] = address + "/send?key={key}&to={phone}&text={text}",
                ["Sms:Key"] = "gateway-secret",
            });
        }

        public override async Task DisposeAsync()
        {
            if (_gateway is not null)
            {
                await _gateway.DisposeAsync();
            }

            await base.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_public_votes_once_per_phone_with_a_text_message_code_and_the_counts_go_to_the_panel_stage()
    {
        int rongshi, nanmalu;
        await using (var db = fixture.Db())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM rate_counters");
            var a = StationStarRating.Nominate(fixture.Data.RongshiStationId, 2026, 3, "接待规范", FixedClock.Default);
            var b = StationStarRating.Nominate(fixture.Data.NanmaluStationId, 2026, 2, "群众满意", FixedClock.Default);
            var notReviewed = StationStarRating.Nominate(fixture.Data.ShuitanPointId, 2026, 1, null, FixedClock.Default);
            a.PassInitialReview();
            b.PassInitialReview();
            db.StationStarRatings.AddRange(a, b, notReviewed);
            await db.SaveChangesAsync();
            (rongshi, nanmalu) = (a.Id, b.Id);
        }

        // City staff open the round on the page.
        var city = await fixture.SessionAsync("city");
        var staffPage = await city.GetAsync("/Stations/Voting");
        using (var opened = await city.SubmitAsync(staffPage, "#open-round", new Dictionary<string, string?>
        {
            ["Input.Kind"] = "StationStars", ["Input.Year"] = "2026", ["Input.Title"] = "2026年度星级联络站网上投票",
            ["Input.OpensOn"] = "2026-11-20", ["Input.ClosesOn"] = "2026-11-27",
        }, pageUrl: "/Stations/Voting?handler=Open"))
        {
            Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        }

        int roundId;
        await using (var db = fixture.Db())
        {
            var round = await db.VotingRounds.AsNoTracking().SingleAsync();
            roundId = round.Id;
            Assert.Equal(2, round.Nominees.Count);
        }

        var citizen = fixture.NewSession();
        Assert.NotNull((await citizen.GetAsync("/public/votes")).QuerySelector($"#open-rounds a[href$='/public/votes/{roundId}']"));
        var ballot = await citizen.GetAsync($"/public/votes/{roundId}");
        Assert.Equal(2, ballot.QuerySelectorAll("#ballot .ballot-entry").Length);
        Assert.Contains("南岗区荣市街道代表联络站", ballot.QuerySelector("#ballot")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(ballot.QuerySelectorAll("[data-votes]"));

        // Vote: a code by text message, then confirm; a wrong code first.
        var confirm = await SendAsync(citizen, ballot, roundId, rongshi, "139 1111 2222");
        var (key, phone, text) = Assert.Single(fixture.Messages);
        Assert.Equal(("gateway-secret", "13911112222"), (key, phone));
        var code = Regex.Match(text, "[0-9]{6}").Value;
        var wrong = await ConfirmAsync(citizen, confirm, roundId, code == "000000" ? "111111" : "000000");
        Assert.NotEmpty(wrong.QuerySelector("[data-valmsg-for='Input.Code']")!.TextContent.Trim());
        var done = await ConfirmAsync(citizen, wrong, roundId, code);
        Assert.NotNull(done.QuerySelector("#vote-thanks"));

        // The number is never stored in clear; it cannot vote again in this round.
        await using (var db = fixture.Db())
        {
            var vote = await db.PublicVotes.AsNoTracking().SingleAsync();
            Assert.Equal(rongshi, vote.HonourId);
            Assert.DoesNotContain("13911112222", vote.PhoneHash, StringComparison.Ordinal);
        }

        var again = await PageSession.ReadAsync(await PostSendAsync(citizen, await citizen.GetAsync($"/public/votes/{roundId}"), roundId, nanmalu, "13911112222"));
        Assert.Contains("已经在本轮投过票", again.QuerySelector("#vote-message")!.TextContent, StringComparison.Ordinal);

        // Another voter; a refused gateway is told, not hidden; a number asking too often is stopped.
        var second = await SendAsync(citizen, await citizen.GetAsync($"/public/votes/{roundId}"), roundId, nanmalu, "13933334444");
        var secondCode = Regex.Match(fixture.Messages.Last().Text, "[0-9]{6}").Value;
        Assert.NotNull((await ConfirmAsync(citizen, second, roundId, secondCode)).QuerySelector("#vote-thanks"));
        var failed = await PageSession.ReadAsync(await PostSendAsync(citizen, await citizen.GetAsync($"/public/votes/{roundId}"), roundId, nanmalu, "13955550000"));
        Assert.Contains("短信发送失败", failed.QuerySelector("#vote-message")!.TextContent, StringComparison.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            await PostSendAsync(citizen, await citizen.GetAsync($"/public/votes/{roundId}"), roundId, nanmalu, "13966667777");
        }

        var tooMany = await PageSession.ReadAsync(await PostSendAsync(citizen, await citizen.GetAsync($"/public/votes/{roundId}"), roundId, nanmalu, "13966667777"));
        Assert.Contains("次数过多", tooMany.QuerySelector("#vote-message")!.TextContent, StringComparison.Ordinal);

        // Not before the window has closed; then the counts go into the nominations' public-vote stage.
        var early = await city.GetAsync("/Stations/Voting");
        Assert.Null(early.QuerySelector($"#voting-rounds tr[data-round='{roundId}'] form"));
        fixture.Factory.Clock.Advance(TimeSpan.FromDays(8));

        // A week later: a new sign-in (a session lasts twelve hours).
        city = await fixture.SignedInAsync("city");
        var late = await city.GetAsync("/Stations/Voting");
        using (var counted = await city.SubmitAsync(late, $"#voting-rounds tr[data-round='{roundId}'] form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, counted.StatusCode);
        }

        await using (var db = fixture.Db())
        {
            var ratings = await db.StationStarRatings.AsNoTracking().Where(r => r.Year == 2026).ToDictionaryAsync(r => r.Id);
            Assert.Equal((HonourStage.VotesCounted, 1), (ratings[rongshi].Stage, ratings[rongshi].PublicVotes));
            Assert.Equal((HonourStage.VotesCounted, 1), (ratings[nanmalu].Stage, ratings[nanmalu].PublicVotes));
            Assert.Equal(HonourStage.Nominated, ratings.Values.Single(r => r.Id != rongshi && r.Id != nanmalu).Stage);
        }

        var results = await citizen.GetAsync($"/public/votes/{roundId}");
        Assert.Equal("1 票", results.QuerySelector($"[data-votes='{rongshi}']")!.TextContent.Trim());
        Assert.Null(results.QuerySelector("#vote-send"));
    }

    private async Task<IHtmlDocument> SendAsync(PageSession citizen, IHtmlDocument ballot, int roundId, int honourId, string phone)
    {
        using var response = await PostSendAsync(citizen, ballot, roundId, honourId, phone);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageSession.ReadAsync(response);
        Assert.True(page.QuerySelector("#confirm-form") is not null, page.QuerySelector("#vote-message")?.TextContent ?? page.QuerySelector(".invalid-feedback")?.TextContent);
        return page;
    }

    private Task<HttpResponseMessage> PostSendAsync(PageSession citizen, IHtmlDocument ballot, int roundId, int honourId, string phone)
    {
        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(6));
        return citizen.SubmitAsync(ballot, "#vote-form", new Dictionary<string, string?> { ["Input.HonourId"] = honourId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Phone"] = phone }, pageUrl: $"/public/votes/{roundId}?handler=Send");
    }

    private static async Task<IHtmlDocument> ConfirmAsync(PageSession citizen, IHtmlDocument page, int roundId, string code)
    {
        using var response = await citizen.SubmitAsync(page, "#confirm-form", new Dictionary<string, string?> { ["Input.Code"] = code }, pageUrl: $"/public/votes/{roundId}?handler=Confirm");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PageSession.ReadAsync(response);
    }
}
