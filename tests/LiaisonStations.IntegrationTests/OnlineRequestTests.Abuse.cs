using System.Net;
using AngleSharp.Html.Dom;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Pages.Public;
using LiaisonStations.Web.Privacy;
using LiaisonStations.Web.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiaisonStations.IntegrationTests;

/// <summary>Robots, floods, bad files and spam on the citizens' form; and the citizens' data kept no longer than said.</summary>
public sealed partial class OnlineRequestTests
{
    [Fact]
    public async Task A_filled_honeypot_a_form_sent_too_fast_or_without_its_ticket_saves_nothing()
    {
        await ClearLimitsAsync();
        var citizen = fixture.NewSession();
        var before = await OnlineCountAsync();

        var page = await citizen.GetAsync("/public/submit?station=ST-RS");
        Assert.NotNull(page.QuerySelector(".public-trap input[name='Input.Website'][tabindex='-1']"));
        var trapped = await ReadRefusalAsync(await SendAsync(citizen, page, new() { ["Input.Text"] = "买药加微信", ["Input.Phone"] = Phone, ["Input.Website"] = "http://spam.example" }, []));
        Assert.Contains("未成功", trapped, StringComparison.Ordinal);

        var fast = await ReadRefusalAsync(await SendAsync(citizen, await citizen.GetAsync("/public/submit?station=ST-RS"), new() { ["Input.Text"] = "路面塌陷", ["Input.Phone"] = Phone }, [], wait: false));
        Assert.Contains("太快", fast, StringComparison.Ordinal);

        var noTicket = await ReadRefusalAsync(await SendAsync(citizen, await citizen.GetAsync("/public/submit?station=ST-RS"), new() { ["Input.Text"] = "路面塌陷", ["Input.Phone"] = Phone, ["Input.Ticket"] = "forged" }, []));
        Assert.Contains("过期", noTicket, StringComparison.Ordinal);

        Assert.Equal(before, await OnlineCountAsync());
    }

    [Fact]
    public async Task One_phone_may_submit_a_few_times_a_day_and_one_address_is_challenged_after_its_allowance_then_stopped()
    {
        await ClearLimitsAsync();
        var options = fixture.Factory.Services.GetRequiredService<PublicFormGuard>().Options;
        var citizen = fixture.NewSession();
        for (var i = 0; i < options.SubmitsPerPhonePerDay; i++)
        {
            await SubmitAsync(citizen, $"同一号码第{i + 1}次反映", phone: "13700000001");
        }

        // Per phone: refused on the phone field, whatever the address.
        await ClearAddressCountersAsync();
        var before = await OnlineCountAsync();
        using (var response = await SendAsync(citizen, await citizen.GetAsync("/public/submit?station=ST-RS"), new() { ["Input.Text"] = "再来一次", ["Input.Phone"] = "13700000001" }, []))
        {
            var page = await PageSession.ReadAsync(response);
            Assert.Contains("今天已提交", page.QuerySelector("[data-valmsg-for='Input.Phone']")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("再来一次", page.QuerySelector("#Input_Text")!.TextContent);
        }

        Assert.Equal(before, await OnlineCountAsync());

        // Per address: past the allowance the form carries a drawn challenge.
        for (var i = 0; i < options.SubmitsPerAddressBeforeChallenge; i++)
        {
            await SubmitAsync(citizen, $"同一网络第{i + 1}次反映", phone: $"1370000010{i}");
        }

        var challenged = await citizen.GetAsync("/public/submit?station=ST-RS");
        var token = challenged.QuerySelector("#submit-challenge input[name='Input.ChallengeToken']")!.GetAttribute("value")!;
        using (var picture = await citizen.Client.GetAsync(challenged.QuerySelector("#submit-challenge img")!.GetAttribute("src")!))
        {
            Assert.Equal("image/png", picture.Content.Headers.ContentType!.MediaType);
            var bytes = await picture.Content.ReadAsByteArrayAsync();
            Assert.Equal([0x89, 0x50, 0x4E, 0x47], bytes[..4]);
        }

        var answer = fixture.Factory.Services.GetRequiredService<PublicFormGuard>().AnswerOf(token)!;
        var wrong = answer == "22222" ? "33333" : "22222";
        using (var response = await SendAsync(citizen, challenged, new() { ["Input.Text"] = "挑战答错", ["Input.Phone"] = "13700000201", ["Input.ChallengeAnswer"] = wrong }, []))
        {
            var page = await PageSession.ReadAsync(response);
            Assert.NotNull(page.QuerySelector("[data-valmsg-for='Input.ChallengeAnswer']")?.TextContent.Trim() is { Length: > 0 } ? page : null);
            Assert.NotEqual(token, page.QuerySelector("#submit-challenge input[name='Input.ChallengeToken']")!.GetAttribute("value"));
        }

        Assert.Equal(before + options.SubmitsPerAddressBeforeChallenge, await OnlineCountAsync());

        // The right answer passes, once: the same challenge answered again is refused.
        var fresh = await citizen.GetAsync("/public/submit?station=ST-RS");
        var freshToken = fresh.QuerySelector("#submit-challenge input[name='Input.ChallengeToken']")!.GetAttribute("value")!;
        var right = fixture.Factory.Services.GetRequiredService<PublicFormGuard>().AnswerOf(freshToken)!;
        using (var response = await SendAsync(citizen, fresh, new() { ["Input.Text"] = "挑战答对", ["Input.Phone"] = "13700000202", ["Input.ChallengeAnswer"] = right }, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        using (var replay = await SendAsync(citizen, fresh, new() { ["Input.Text"] = "重放挑战", ["Input.Phone"] = "13700000203", ["Input.ChallengeAnswer"] = right }, []))
        {
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        }

        Assert.Equal(before + options.SubmitsPerAddressBeforeChallenge + 1, await OnlineCountAsync());

        // At the day's limit nothing more is taken from that address, challenge or not.
        await using (var db = fixture.Db())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE rate_counters SET hits = {options.SubmitsPerAddressPerDay} WHERE key LIKE 'submit-address:%'");
        }

        var stopped = await ReadRefusalAsync(await SendAsync(citizen, await citizen.GetAsync("/public/submit?station=ST-RS"), new() { ["Input.Text"] = "超过上限", ["Input.Phone"] = "13700000204" }, []));
        Assert.Contains("上限", stopped, StringComparison.Ordinal);
        Assert.Equal(before + options.SubmitsPerAddressBeforeChallenge + 1, await OnlineCountAsync());
    }

    [Fact]
    public async Task Bad_files_and_bad_values_get_messages_in_the_form_and_a_png_is_stored_as_a_clean_jpeg()
    {
        await ClearLimitsAsync();
        var citizen = fixture.NewSession();
        var before = await OnlineCountAsync();
        async Task<IHtmlDocument> RefusedAsync(Dictionary<string, string?> values, params (string, byte[], string)[] photos)
        {
            using var response = await SendAsync(citizen, await citizen.GetAsync("/public/submit?station=ST-RS"), values, photos);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await PageSession.ReadAsync(response);
        }

        var notPhoto = await RefusedAsync(new() { ["Input.Text"] = "附件不是照片", ["Input.Phone"] = Phone }, ("病毒.jpg", "MZ\x90\0 this is not a picture"u8.ToArray(), "image/jpeg"));
        Assert.Contains("不是 JPEG 或 PNG", notPhoto.QuerySelector("[data-valmsg-for='Input.Photos']")!.TextContent, StringComparison.Ordinal);
        var big = new byte[(5 * 1024 * 1024) + 1];
        TestPhotos.JpegWithGps().CopyTo(big, 0);
        var tooLarge = await RefusedAsync(new() { ["Input.Text"] = "照片太大", ["Input.Phone"] = Phone }, ("大.jpg", big, "image/jpeg"));
        Assert.Contains("5 MB", tooLarge.QuerySelector("[data-valmsg-for='Input.Photos']")!.TextContent, StringComparison.Ordinal);
        // Three photos over the limit (16.5 MB in all): the form's own message, not a bare error page.
        var heavy = new byte[(5 * 1024 * 1024) + (512 * 1024)];
        var threeHeavy = await RefusedAsync(new() { ["Input.Text"] = "三张大照片", ["Input.Phone"] = Phone }, ("1.jpg", heavy, "image/jpeg"), ("2.jpg", heavy, "image/jpeg"), ("3.jpg", heavy, "image/jpeg"));
        Assert.Contains("5 MB", threeHeavy.QuerySelector("[data-valmsg-for='Input.Photos']")!.TextContent, StringComparison.Ordinal);
        var four = await RefusedAsync(new() { ["Input.Text"] = "四张照片", ["Input.Phone"] = Phone }, [.. Enumerable.Range(1, 4).Select(i => ($"{i}.png", TestPhotos.Png(), "image/png"))]);
        Assert.Contains("3", four.QuerySelector("[data-valmsg-for='Input.Photos']")!.TextContent, StringComparison.Ordinal);
        var landline = await RefusedAsync(new() { ["Input.Text"] = "座机号码", ["Input.Phone"] = "0451-5550000" });
        Assert.Contains("手机", landline.QuerySelector("[data-valmsg-for='Input.Phone']")!.TextContent, StringComparison.Ordinal);
        var empty = await RefusedAsync(new() { ["Input.Text"] = " ", ["Input.Phone"] = null, ["Input.CategoryId"] = "999999" });
        Assert.NotEmpty(empty.QuerySelector("[data-valmsg-for='Input.Text']")!.TextContent.Trim());
        Assert.NotEmpty(empty.QuerySelector("[data-valmsg-for='Input.Phone']")!.TextContent.Trim());
        var tooLong = await RefusedAsync(new() { ["Input.Text"] = new string('长', CitizenRequest.OnlineTextMaxLength + 1), ["Input.Phone"] = Phone, ["Input.CategoryId"] = "abc" });
        Assert.NotEmpty(tooLong.QuerySelector("[data-valmsg-for='Input.Text']")!.TextContent.Trim());
        Assert.Equal(before, await OnlineCountAsync());

        // An unknown station, by link or by a changed hidden field: the citizen is sent to find theirs.
        Assert.NotNull((await citizen.GetAsync("/public/submit?station=NOPE")).QuerySelector("#submit-choose-station"));
        Assert.NotNull((await RefusedAsync(new() { ["Input.Station"] = "<b>NOPE</b>", ["Input.Text"] = "站点被篡改", ["Input.Phone"] = Phone })).QuerySelector("#submit-choose-station"));

        var (number, _) = await SubmitAsync(citizen, "截图一张", photos: [("截图.png", TestPhotos.Png(), "image/png")]);
        await using var db = fixture.Db();
        var id = await db.CitizenRequests.Where(r => r.TrackingNumber == number).Select(r => r.Id).SingleAsync();
        var photo = await db.RequestPhotos.AsNoTracking().SingleAsync(p => p.CitizenRequestId == id);
        Assert.Equal((40, 30), (photo.Width, photo.Height));
        Assert.Equal([0xFF, 0xD8], photo.Content[..2]);
    }

    [Fact]
    public async Task A_clerk_withdraws_spam_and_no_figure_counts_it()
    {
        await ClearLimitsAsync();
        var today = DateOnly.FromDateTime(fixture.Factory.Clock.GetUtcNow().Date);
        var collectedBefore = await CollectedTodayAsync(today);
        var (number, _) = await SubmitAsync(fixture.NewSession(), "加微信领红包 http://spam.example");
        Assert.Equal(collectedBefore + 1, await CollectedTodayAsync(today));

        await using (var db = fixture.Db())
        {
            var id = await db.CitizenRequests.Where(r => r.TrackingNumber == number).Select(r => r.Id).SingleAsync();
            var clerk = await fixture.SessionAsync("clerk");
            var form = await clerk.GetAsync($"/Requests/Act/{id}/Withdraw");
            Assert.NotNull(form.QuerySelector("#Input_Spam"));
            using var posted = await clerk.SubmitAsync(form, "#step-form", new Dictionary<string, string?> { ["Input.Spam"] = "true", ["Input.Note"] = string.Empty }, pageUrl: $"/Requests/Act/{id}/Withdraw");
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            var request = await db.CitizenRequests.AsNoTracking().SingleAsync(r => r.Id == id);
            Assert.Equal(RequestStatus.Withdrawn, request.Status);
            Assert.True(request.WithdrawnAsSpam);
            Assert.Null(request.FinishedOn);
            Assert.Contains("垃圾信息", (await clerk.GetAsync($"/Requests/Details/{id}")).QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(collectedBefore, await CollectedTodayAsync(today));
    }

    [Fact]
    public async Task Personal_data_of_requests_finished_longer_ago_than_the_retention_is_removed_and_figures_stay()
    {
        await ClearLimitsAsync();
        var (number, _) = await SubmitAsync(fixture.NewSession(), "很久以前的问题", photos: [("旧.jpg", TestPhotos.JpegWithGps(), "image/jpeg")]);
        var (recent, _) = await SubmitAsync(fixture.NewSession(), "最近办结的问题");
        await using (var db = fixture.Db())
        {
            // Finished four years ago, and one finished now.
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE citizen_requests SET status = {(int)RequestStatus.Closed}, registered_on = DATE '2022-03-01', finished_on = DATE '2022-04-01', closed_on = DATE '2022-04-02' WHERE tracking_number = {number}");
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE citizen_requests SET status = {(int)RequestStatus.Closed}, finished_on = registered_on, closed_on = registered_on WHERE tracking_number = {recent}");
        }

        var figuresBefore = await CollectedAsync(new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31));
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<PersonalDataRetention>().RunAsync(CancellationToken.None) >= 1);
        }

        await using (var db = fixture.Db())
        {
            var old = await db.CitizenRequests.AsNoTracking().SingleAsync(r => r.TrackingNumber == number);
            Assert.Null(old.CitizenPhone);
            Assert.Equal("很久以前的问题", old.Summary);
            Assert.False(await db.RequestPhotos.AnyAsync(p => p.CitizenRequestId == old.Id));
            Assert.NotNull((await db.CitizenRequests.AsNoTracking().SingleAsync(r => r.TrackingNumber == recent)).CitizenPhone);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Privacy.Anonymised"));
        }

        Assert.Equal(figuresBefore, await CollectedAsync(new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31)));
        var notice = await fixture.NewSession().GetAsync("/public/privacy");
        Assert.Contains("3 年", notice.QuerySelector("#privacy-retention")!.TextContent, StringComparison.Ordinal);
    }

    private async Task<int> OnlineCountAsync()
    {
        await using var db = fixture.Db();
        return await db.CitizenRequests.CountAsync(r => r.Channel == RequestChannel.Online);
    }

    private async Task ClearAddressCountersAsync()
    {
        await using var db = fixture.Db();
        await db.Database.ExecuteSqlRawAsync("DELETE FROM rate_counters WHERE key LIKE 'submit-address:%'");
    }

    private static async Task<string> ReadRefusalAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await PageSession.ReadAsync(response)).QuerySelector("#submit-refusal")!.TextContent;
        }
    }

    private Task<int> CollectedTodayAsync(DateOnly today) => CollectedAsync(today, today);

    private async Task<int> CollectedAsync(DateOnly from, DateOnly to)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<AreaMetrics>().ForStationAsync(fixture.Data.RongshiStationId, from, to, CancellationToken.None);
        return report.Counts.RequestsCollected;
    }
}

/// <summary>Published cases on the results board (issue 14, point 5).</summary>
public sealed partial class OnlineRequestTests
{
    [Fact]
    public async Task Resolved_cases_appear_on_the_results_board_anonymised_only_when_the_citizen_agreed()
    {
        await ClearLimitsAsync();
        var citizen = fixture.NewSession();
        var (agreed, _) = await SubmitAsync(citizen, "我是赵大海，电话13812345678，楼下井盖丢了", consentToPublish: true, name: "赵大海");
        var (declined, _) = await SubmitAsync(citizen, "不愿公开的问题：邻居噪音", consentToPublish: false);
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            // Through the application, as the station works: the public pages are refreshed at once.
            var db = scope.ServiceProvider.GetRequiredService<LiaisonStations.Web.Data.AppDbContext>();
            var staff = new LiaisonStations.Domain.Common.Actor("u", "荣市联络员");
            var now = fixture.Factory.Clock.GetUtcNow();
            foreach (var request in await db.CitizenRequests.Where(r => r.TrackingNumber == agreed || r.TrackingNumber == declined).ToListAsync())
            {
                request.AssignDeputies([fixture.Data.RongshiDeputyIds[0]], null, staff, now);
                request.Refer(fixture.Data.EnvironmentDepartmentId, DateOnly.FromDateTime(now.Date).AddDays(10), "内部", staff, now);
                request.RecordReply("已补装井盖。赵大海同志如有问题请拨打 0451-8888 6666 或写信 zhao@example.cn。", staff, now);
                request.Resolve(null, staff, now);
            }

            await db.SaveChangesAsync();
        }

        var board = await fixture.NewSession().GetAsync("/public/results?district=230103");
        var cases = board.QuerySelector("#published-cases")!.TextContent;
        Assert.Contains("楼下井盖丢了", cases, StringComparison.Ordinal);
        Assert.Contains("赵**", cases, StringComparison.Ordinal);
        Assert.Contains("已补装井盖", cases, StringComparison.Ordinal);
        foreach (var secret in new[] { "赵大海", "13812345678", "0451-8888 6666", "zhao@example.cn", "邻居噪音", "内部" })
        {
            Assert.DoesNotContain(secret, board.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }

        Assert.NotNull((await fixture.NewSession().GetAsync("/public/results?district=230104")).QuerySelector("#no-cases"));
    }
}
