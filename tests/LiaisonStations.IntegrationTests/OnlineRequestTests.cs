using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Pages.Public;
using LiaisonStations.Web.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// The citizens' side, second part (issue 14, points 2 and 3): a citizen submits a request with photos from a phone,
/// gets a 查询码, follows it to the end and evaluates it; robots and guessers are kept out; the station sees the
/// submission with its photos, may withdraw spam, and no figure counts spam.
/// </summary>
public sealed partial class OnlineRequestTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Phone = "139 1234 5678";

    [Fact]
    public async Task A_citizen_submits_with_a_photo_gets_a_code_and_follows_the_request_to_the_reply_and_evaluates_it()
    {
        await ClearLimitsAsync();
        var citizen = fixture.NewSession();
        var (number, code) = await SubmitAsync(citizen, "小区路灯坏了一个月 <script>alert('x')</script> <b>很黑</b>", photos: [("灯.jpg", TestPhotos.JpegWithGps(), "image/jpeg")]);
        Assert.Matches(CodeShape(), code);

        long id;
        await using (var db = fixture.Db())
        {
            var saved = await db.CitizenRequests.AsNoTracking().SingleAsync(r => r.TrackingNumber == number);
            id = saved.Id;
            Assert.Equal(RequestChannel.Online, saved.Channel);
            Assert.Equal(RequestStatus.Registered, saved.Status);
            Assert.Equal("13912345678", saved.CitizenPhone);
            Assert.Equal(code.Replace("-", string.Empty, StringComparison.Ordinal), saved.TrackingCode);
            Assert.Contains("<script>", saved.Summary, StringComparison.Ordinal);
            var photo = await db.RequestPhotos.AsNoTracking().SingleAsync(p => p.CitizenRequestId == id);
            Assert.Equal("image/jpeg", photo.ContentType);
            Assert.False(TestPhotos.HasExif(photo.Content));
            Assert.False(TestPhotos.Contains(photo.Content, TestPhotos.SecretDescription));
        }

        // The station's clerk sees it with its badge, the text as text, and the photo.
        var clerk = await fixture.SessionAsync("clerk");
        var list = await clerk.GetAsync("/Requests?q=" + Uri.EscapeDataString(number));
        Assert.NotNull(list.QuerySelector("tbody tr .online-badge"));
        var details = await clerk.GetAsync($"/Requests/Details/{id}");
        Assert.DoesNotContain(details.QuerySelectorAll("script"), s => s.TextContent.Contains("alert", StringComparison.Ordinal));
        Assert.Null(details.QuerySelector("main b"));
        Assert.Contains("<script>alert('x')</script>", details.DocumentElement.TextContent, StringComparison.Ordinal);
        var photoUrl = details.QuerySelector("#request-photos img")!.GetAttribute("src")!;
        using (var picture = await clerk.Client.GetAsync(photoUrl))
        {
            Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
            Assert.Equal("image/jpeg", picture.Content.Headers.ContentType!.MediaType);
        }

        // Another district's clerk and the public never see it.
        var other = await fixture.SessionAsync("clerk2");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(photoUrl)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await fixture.NewSession().Client.GetAsync(photoUrl)).StatusCode);

        // Accepted, in the citizen's words; the code is accepted in any case and with spaces.
        var tracked = await TrackAsync(citizen, code.ToLowerInvariant().Replace('-', ' '), "5678");
        Assert.Equal(number, tracked.QuerySelector("#track-number")!.TextContent.Split(' ')[^1]);
        Assert.Contains("已受理", tracked.QuerySelector("#track-stages li[aria-current='step']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(tracked.QuerySelector("#evaluate-form"));

        // The station hands it on; the department replies; it is resolved.
        await using (var db = fixture.Db())
        {
            var request = await db.CitizenRequests.SingleAsync(r => r.Id == id);
            var staff = new Actor("u-clerk", "荣市联络员");
            var now = fixture.Factory.Clock.GetUtcNow();
            request.AssignDeputies([fixture.Data.RongshiDeputyIds[0]], "内部备注：请王代表跟进", staff, now);
            request.Refer(fixture.Data.EnvironmentDepartmentId, DateOnly.FromDateTime(now.Date).AddDays(15), "内部备注：联系人李科长 0451-5550000", staff, now);
            request.RecordReply("已于11月25日更换路灯，感谢您的反映。", new Actor("u-dept", "环保局张科员"), now);
            request.Resolve("内部：已电话回访", staff, now);
            await db.SaveChangesAsync();
        }

        var resolved = await TrackAsync(citizen, code, "5678");
        var text = resolved.QuerySelector("main")!.TextContent;
        Assert.Contains("已于11月25日更换路灯", text, StringComparison.Ordinal);
        Assert.Contains("已办结", resolved.QuerySelector("#track-stages li[aria-current='step']")!.TextContent, StringComparison.Ordinal);
        foreach (var secret in new[] { "内部备注", "李科长", "0451-5550000", "荣市联络员", "张科员", "王代表", "内部：已电话回访" })
        {
            Assert.DoesNotContain(secret, resolved.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }

        // The citizen evaluates once; the request closes with an evaluation recorded as the citizen's own.
        var evaluated = await PageSession.ReadAsync(await citizen.SubmitAsync(resolved, "#evaluate-form", new Dictionary<string, string?> { ["Evaluation.Evaluation"] = "Satisfied", ["Evaluation.Comment"] = "很快，谢谢" }, pageUrl: "/public/track?handler=Evaluate"));
        Assert.NotNull(evaluated.QuerySelector("#track-thanks"));
        Assert.Null(evaluated.QuerySelector("#evaluate-form"));
        await using (var db = fixture.Db())
        {
            var request = await db.CitizenRequests.AsNoTracking().SingleAsync(r => r.Id == id);
            Assert.Equal(RequestStatus.Closed, request.Status);
            var evaluation = Assert.Single(request.Evaluations);
            Assert.Equal(EvaluationSource.CitizenOnline, evaluation.Source);
            Assert.Equal(Evaluation.Satisfied, evaluation.Evaluation);
        }

        // The same form sent again is refused: once per closing.
        var again = await PageSession.ReadAsync(await citizen.SubmitAsync(resolved, "#evaluate-form", new Dictionary<string, string?> { ["Evaluation.Evaluation"] = "Unsatisfied" }, pageUrl: "/public/track?handler=Evaluate"));
        Assert.NotNull(again.QuerySelector("#track-message"));
        await using (var db = fixture.Db())
        {
            Assert.Single((await db.CitizenRequests.AsNoTracking().SingleAsync(r => r.Id == id)).Evaluations);
        }

        // The clerk's page says who evaluated; the dashboard counts it as an online evaluation.
        var timeline = (await clerk.GetAsync($"/Requests/Details/{id}")).QuerySelector("#timeline")!.TextContent;
        Assert.Contains("群众（网上）", timeline, StringComparison.Ordinal);
        Assert.Contains("群众网上评价", timeline, StringComparison.Ordinal);
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var today = DateOnly.FromDateTime(fixture.Factory.Clock.GetUtcNow().Date);
            var report = await scope.ServiceProvider.GetRequiredService<AreaMetrics>().ForStationAsync(fixture.Data.RongshiStationId, today, today, CancellationToken.None);
            Assert.True(report.Counts.OnlineEvaluations >= 1);
            Assert.True(report.Counts.OnlineEvaluations <= report.Counts.Evaluations);
        }
    }

    [Fact]
    public async Task An_unsatisfied_citizen_sends_the_request_back_for_handling_and_may_evaluate_the_next_result()
    {
        await ClearLimitsAsync();
        var citizen = fixture.NewSession();
        var (number, code) = await SubmitAsync(citizen, "楼道堆放杂物无人清理");
        await using (var db = fixture.Db())
        {
            var request = await db.CitizenRequests.SingleAsync(r => r.TrackingNumber == number);
            request.AnswerOnSite("已通知物业三日内清理。", new Actor("u", "荣市联络员"), fixture.Factory.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var answered = await TrackAsync(citizen, code, "5678");
        Assert.Contains("已通知物业三日内清理", answered.QuerySelector("#track-steps")!.TextContent, StringComparison.Ordinal);
        var reopened = await PageSession.ReadAsync(await citizen.SubmitAsync(answered, "#evaluate-form", new Dictionary<string, string?> { ["Evaluation.Evaluation"] = "Unsatisfied", ["Evaluation.Comment"] = "至今没有清理" }, pageUrl: "/public/track?handler=Evaluate"));
        Assert.Contains("重新交办", reopened.QuerySelector("#track-thanks")!.TextContent, StringComparison.Ordinal);
        await using (var db = fixture.Db())
        {
            var request = await db.CitizenRequests.AsNoTracking().SingleAsync(r => r.TrackingNumber == number);
            Assert.Equal(RequestStatus.Reopened, request.Status);
            Assert.Equal(Evaluation.Unsatisfied, request.LatestEvaluation);
            Assert.Null(request.FinishedOn);
            Assert.Equal([RequestAction.Registered, RequestAction.AnsweredOnSite, RequestAction.Closed, RequestAction.Reopened], request.Events.OrderBy(e => e.Id).Select(e => e.Action));
        }

        // No evaluation form while it is handled again; an empty choice is refused with a message, not an error.
        var tracked = await TrackAsync(citizen, code, "5678");
        Assert.Null(tracked.QuerySelector("#evaluate-form"));
        using var forged = await citizen.Client.PostAsync("/public/track?handler=Evaluate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = (await citizen.GetAsync("/public/track")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Evaluation.Token"] = "not-a-token",
            ["Evaluation.Evaluation"] = "Satisfied",
        }));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.NotNull((await PageSession.ReadAsync(forged)).QuerySelector("#track-message"));
    }

    [Fact]
    public async Task A_wrong_code_and_wrong_digits_get_the_same_answer_and_look_ups_are_limited_per_address()
    {
        await ClearLimitsAsync();
        var citizen = fixture.NewSession();
        var (_, code) = await SubmitAsync(citizen, "公交站牌字迹不清");
        var wrongDigits = await TrackAsync(citizen, code, "0000");
        var unknownCode = await TrackAsync(citizen, "ABCD-EFGH-JKMN", "5678");
        var malformed = await TrackAsync(citizen, "<b>x</b>' OR 1=1 --", "56a8");
        Assert.Equal(wrongDigits.QuerySelector("main")!.TextContent, unknownCode.QuerySelector("main")!.TextContent);
        Assert.Equal(wrongDigits.QuerySelector("#track-message")!.TextContent, malformed.QuerySelector("#track-message")!.TextContent);
        Assert.Null(wrongDigits.QuerySelector("#track-result"));

        var limit = fixture.Factory.Services.GetRequiredService<PublicFormGuard>().Options.LookupsPerAddressPerHour;
        for (var i = 3; i < limit; i++)
        {
            await TrackAsync(citizen, "ABCD-EFGH-JKMN", "5678");
        }

        var refused = await TrackAsync(citizen, code, "5678");
        Assert.Null(refused.QuerySelector("#track-result"));
        Assert.Contains("一小时", refused.QuerySelector("#track-message")!.TextContent, StringComparison.Ordinal);
        fixture.Factory.Clock.Advance(TimeSpan.FromHours(1));
        Assert.NotNull((await TrackAsync(citizen, code, "5678")).QuerySelector("#track-result"));
    }

    [GeneratedRegex("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")]
    private static partial Regex CodeShape();

    [Fact]
    public async Task The_same_form_sent_again_or_at_once_is_one_request_and_sent_with_another_phone_it_learns_nothing()
    {
        await ClearLimitsAsync();
        var citizen = fixture.NewSession();
        var text = "同一表单重复提交：路口红绿灯不亮" + Guid.NewGuid().ToString("N")[..6];
        var form = await citizen.GetAsync("/public/submit?station=ST-RS");

        // A double tap, or a resend after no answer came: the second send shows what the first saved.
        var shown = new List<(string Number, string Code)>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await SendAsync(citizen, form, new() { ["Input.Text"] = text, ["Input.Phone"] = Phone }, []);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var done = await citizen.GetAsync("/public/submitted");
            shown.Add((done.QuerySelector("#submitted-number")!.TextContent.Trim(), done.QuerySelector("#submitted-code")!.TextContent.Trim()));
        }

        Assert.Equal(shown[0], shown[1]);
        Assert.Equal(1, await CountAsync(text));

        // Three sends at the same moment: one request, each send shown its code.
        var together = "同时发送三次：井盖缺失" + Guid.NewGuid().ToString("N")[..6];
        var page = await citizen.GetAsync("/public/submit?station=ST-RS");
        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(6));
        var sends = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SendAsync(citizen, page, new() { ["Input.Text"] = together, ["Input.Phone"] = Phone }, [], wait: false)));
        Assert.All(sends, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        foreach (var response in sends)
        {
            response.Dispose();
        }

        Assert.Equal(1, await CountAsync(together));

        // That page sent again with another phone: a request of its own, and the first one's code is not shown.
        var other = citizen;
        using (var response = await SendAsync(other, form, new() { ["Input.Text"] = text, ["Input.Phone"] = "137 0000 0301" }, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var theirs = await other.GetAsync("/public/submitted");
        Assert.NotEqual(shown[0].Code, theirs.QuerySelector("#submitted-code")!.TextContent.Trim());
        Assert.Equal(2, await CountAsync(text));
    }

    private async Task<int> CountAsync(string text)
    {
        await using var db = fixture.Db();
        return await db.CitizenRequests.CountAsync(r => r.Summary == text);
    }

    /// <summary>Each test starts with no submissions or look-ups counted (all test clients share one address).</summary>
    private async Task ClearLimitsAsync()
    {
        await using var db = fixture.Db();
        await db.Database.ExecuteSqlRawAsync("DELETE FROM rate_counters");
    }

    /// <summary>Fills the form as a person does (taking longer than the minimum time) and returns the number and code shown.</summary>
    private async Task<(string Number, string Code)> SubmitAsync(PageSession citizen, string text, string phone = Phone, (string Name, byte[] Bytes, string Type)[]? photos = null, bool consentToPublish = false, string? name = null)
    {
        var values = new Dictionary<string, string?> { ["Input.Text"] = text, ["Input.Phone"] = phone, ["Input.Name"] = name };
        if (consentToPublish)
        {
            values["Input.ConsentToPublish"] = "true";
        }

        using var response = await SendAsync(citizen, await citizen.GetAsync("/public/submit?station=ST-RS"), values, photos ?? []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/public/submitted", response.Headers.Location!.OriginalString);
        var done = await citizen.GetAsync("/public/submitted");
        return (done.QuerySelector("#submitted-number")!.TextContent.Trim(), done.QuerySelector("#submitted-code")!.TextContent.Trim());
    }

    private async Task<HttpResponseMessage> SendAsync(PageSession citizen, IHtmlDocument form, Dictionary<string, string?> values, (string Name, byte[] Bytes, string Type)[] photos, bool wait = true)
    {
        var fields = PageSession.CollectFields((IHtmlFormElement)form.QuerySelector("#submit-form")!);
        values.TryAdd("Input.CategoryId", fixture.Data.HeatingCategoryId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, value) in values)
        {
            fields.RemoveAll(f => f.Key == name);
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, bytes, type) in photos)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
            content.Add(file, "Input.Photos", name);
        }

        if (wait)
        {
            fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(6));
        }

        return await citizen.Client.PostAsync("/public/submit", content);
    }

    private static async Task<IHtmlDocument> TrackAsync(PageSession citizen, string code, string digits)
    {
        var page = await citizen.GetAsync("/public/track");
        using var response = await citizen.SubmitAsync(page, "#track-form", new Dictionary<string, string?> { ["Input.Code"] = code, ["Input.PhoneDigits"] = digits }, pageUrl: "/public/track");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PageSession.ReadAsync(response);
    }
}
