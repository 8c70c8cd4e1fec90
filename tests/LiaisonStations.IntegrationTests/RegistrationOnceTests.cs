using System.Globalization;
using System.Net;
using LiaisonStations.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// A registration form sent twice registers one request (issue 15: an answer lost when an instance dies is resent by
/// the clerk; a double click): the form carries a one-time key, and the second send shows the request the first made.
/// </summary>
public sealed class RegistrationOnceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private Dictionary<string, string?> Values(string summary) => new()
    {
        ["Input.Summary"] = summary,
        ["Input.CategoryId"] = fixture.Data.HeatingCategoryId.ToString(CultureInfo.InvariantCulture),
        ["Input.Channel"] = "WalkIn",
        ["Input.CitizenName"] = "赵先生",
        ["Input.CitizenPhone"] = "13812345671",
        ["Input.ConsentToContact"] = "true",
    };

    private async Task<int> CountAsync(string summary)
    {
        await using var db = fixture.Db();
        return await db.CitizenRequests.CountAsync(r => r.Summary == summary);
    }

    [Fact]
    public async Task The_same_form_sent_twice_in_a_row_or_at_once_registers_one_request()
    {
        var clerk = await fixture.SessionAsync("clerk");

        var summary = "重复提交测试：楼顶漏水" + Guid.NewGuid().ToString("N")[..6];
        var form = await clerk.GetAsync("/Requests/Register");
        Assert.False(string.IsNullOrEmpty(form.QuerySelector("input[name='Input.SubmissionKey']")?.GetAttribute("value")));
        using var first = await clerk.SubmitAsync(form, "#register-form", Values(summary), pageUrl: "/Requests/Register");
        using var again = await clerk.SubmitAsync(form, "#register-form", Values(summary), pageUrl: "/Requests/Register");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        var shown = await clerk.GetAsync(again.Headers.Location!.OriginalString);
        Assert.Contains("已经保存过", shown.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(summary));

        // Sent twice at the same moment: the unique key lets one save through, the other shows it.
        var both = "重复提交测试：同时发送" + Guid.NewGuid().ToString("N")[..6];
        var page = await clerk.GetAsync("/Requests/Register");
        var sends = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => clerk.SubmitAsync(page, "#register-form", Values(both), pageUrl: "/Requests/Register")));
        Assert.All(sends, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Single(sends.Select(r => r.Headers.Location!.OriginalString).Distinct());
        Assert.Equal(1, await CountAsync(both));
        foreach (var response in sends)
        {
            response.Dispose();
        }

        // A new form is a new key: the same words registered again on purpose are a second request. The three sends
        // that were not saved gave their numbers back: it takes the next number of the district (no gap).
        using var second = await clerk.SubmitAsync(await clerk.GetAsync("/Requests/Register"), "#register-form", Values(summary), pageUrl: "/Requests/Register");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(2, await CountAsync(summary));
        Assert.Equal(await SequenceAsync(both) + 1, await SequenceAsync(summary, last: true));
    }

    private async Task<int> SequenceAsync(string summary, bool last = false)
    {
        await using var db = fixture.Db();
        var numbers = db.CitizenRequests.Where(r => r.Summary == summary).Select(r => r.TrackingNumber);
        var number = await (last ? numbers.OrderByDescending(n => n) : numbers.OrderBy(n => n)).FirstAsync();
        return int.Parse(number.Split('-')[^1], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_record_number_is_taken_only_in_the_transaction_that_saves_the_record_and_a_rollback_gives_it_back()
    {
        await using var db = fixture.Db();
        var scope = "test-" + Guid.NewGuid().ToString("N")[..8];
        await Assert.ThrowsAsync<InvalidOperationException>(() => LiaisonStations.Web.Data.DocumentCounter.NextAsync(db, scope, CancellationToken.None));

        await using (var abandoned = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(1, await LiaisonStations.Web.Data.DocumentCounter.NextAsync(db, scope, CancellationToken.None));
            Assert.Equal(2, await LiaisonStations.Web.Data.DocumentCounter.NextAsync(db, scope, CancellationToken.None));
        }

        Assert.Equal(1, await db.InOneTransactionAsync(() => LiaisonStations.Web.Data.DocumentCounter.NextAsync(db, scope, CancellationToken.None), CancellationToken.None));
        Assert.Equal(2, await db.InOneTransactionAsync(() => LiaisonStations.Web.Data.DocumentCounter.NextAsync(db, scope, CancellationToken.None), CancellationToken.None));
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("")]
    public async Task A_tampered_or_missing_key_still_saves_once(string key)
    {
        var clerk = await fixture.SessionAsync("clerk");
        var summary = "表单密钥被改：" + Guid.NewGuid().ToString("N")[..6];
        var values = Values(summary);
        values["Input.SubmissionKey"] = key;
        using var response = await clerk.SubmitAsync(await clerk.GetAsync("/Requests/Register"), "#register-form", values, pageUrl: "/Requests/Register");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await CountAsync(summary));
    }

    [Fact]
    public async Task Another_users_form_key_does_not_reveal_their_request()
    {
        var clerk = await fixture.SessionAsync("clerk");
        var form = await clerk.GetAsync("/Requests/Register");
        var key = form.QuerySelector("input[name='Input.SubmissionKey']")!.GetAttribute("value")!;
        var summary = "别人的表单密钥：" + Guid.NewGuid().ToString("N")[..6];
        using (var saved = await clerk.SubmitAsync(form, "#register-form", Values(summary), pageUrl: "/Requests/Register"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // The other station's clerk sends a form with that key: it is not theirs to see, so it is simply a new request.
        var clerk2 = await fixture.SessionAsync("clerk2");
        var values = Values("另一站的诉求：" + Guid.NewGuid().ToString("N")[..6]);
        values["Input.SubmissionKey"] = key;
        using var response = await clerk2.SubmitAsync(await clerk2.GetAsync("/Requests/Register"), "#register-form", values, pageUrl: "/Requests/Register");
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(1, await CountAsync(summary));
    }
}
