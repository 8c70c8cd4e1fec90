using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Suggestions;
using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LiaisonStations.BrowserTests;

/// <summary>
/// A suggestion in a real browser: a deputy turns an assigned request into a suggestion with a co-signer,
/// the city assigns it to two departments, the lead department replies with category B, the deputy
/// evaluates it, and the deputy's suggestion list and performance archive show the outcome.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SuggestionFlowTests(BrowserFixture fixture)
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png");

    private async Task<long> AssignedRequestAsync()
    {
        await using var db = TestData.Context(fixture.ConnectionString);
        if (!await db.Users.AnyAsync(u => u.UserName == "deputy2"))
        {
            AccountProvisioning.AddDirect(db, "deputy2", "李秀英", AppRoles.Deputy, TestData.Password, FixedClock.Default, u => u.DeputyId = fixture.Data.RongshiDeputyIds[1]);
        }

        var clerk = new Actor(null, "联络员");
        var request = CitizenRequest.Register("2026-NG-000777", "BROWSERSUGGEST01", fixture.Data.RongshiStationId, null, RequestChannel.Reception, fixture.Data.HeatingCategoryId,
            "多个小区反映老旧供热管网漏水，冬季室温不达标", CitizenContact.Anonymous, clerk, FixedClock.Default);
        request.AssignDeputies([fixture.Data.RongshiDeputyIds[0]], null, clerk, FixedClock.Default);
        db.CitizenRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    private static async Task StepAsync(IPage page, string step, Func<Task>? fill, string expected)
    {
        await page.Locator($"#suggestion-steps [data-step='{step}']").ClickAsync();
        if (fill is not null)
        {
            await fill();
        }

        await page.Locator("#step-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#suggestion-status")).ToHaveTextAsync(expected);
    }

    [Fact]
    public async Task From_an_assigned_request_to_an_evaluated_suggestion_shown_in_the_list_and_the_archive()
    {
        var requestId = await AssignedRequestAsync();

        // The deputy converts the request and invites a co-signer.
        var deputy = await fixture.SignedInPageAsync("deputy");
        await deputy.GotoAsync($"/Requests/Details/{requestId}");
        await deputy.Locator("#request-steps [data-step='ConvertToSuggestion']").ClickAsync();
        await deputy.Locator("#Input_Title").FillAsync("关于老旧小区供热管网改造的建议");
        await deputy.Locator("#step-submit").ClickAsync();
        await Assertions.Expect(deputy.Locator("#request-status")).ToHaveTextAsync("已转为代表建议");
        await deputy.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "查看代表建议" }).ClickAsync();
        await Assertions.Expect(deputy.Locator("#suggestion-status")).ToHaveTextAsync("草稿");
        var suggestionUrl = deputy.Url;
        await StepAsync(deputy, "AddCoSigner", () => deputy.Locator("#Input_DeputyCode").FillAsync("DP-002"), "草稿");
        await Assertions.Expect(deputy.Locator("#signers")).ToContainTextAsync("待确认");

        // The co-signer confirms (the invitation is in the inbox).
        var coSigner = await fixture.SignedInPageAsync("deputy2");
        await coSigner.GotoAsync("/Notifications");
        await Assertions.Expect(coSigner.Locator("#notifications")).ToContainTextAsync("邀请您联名建议");
        await coSigner.GotoAsync(suggestionUrl);
        await StepAsync(coSigner, "ConfirmCoSignature", null, "草稿");
        await coSigner.Context.CloseAsync();

        await deputy.ReloadAsync();
        await StepAsync(deputy, "Submit", null, "已提交");

        // The city accepts and assigns it to a lead and a co-handling department.
        var city = await fixture.SignedInPageAsync("city");
        await city.GotoAsync(suggestionUrl);
        await StepAsync(city, "Accept", null, "已立案");
        await StepAsync(city, "Assign", async () =>
        {
            await city.Locator("#Input_LeadDepartmentId").SelectOptionAsync(new SelectOptionValue { Label = "市供热办公室" });
            await city.GetByLabel("市生态环境局").CheckAsync();
            await city.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("suggestion-assign"), FullPage = true });
        }, "已交办");
        await city.Context.CloseAsync();

        // The lead department replies with category B.
        var department = await fixture.SignedInPageAsync("department");
        await department.GotoAsync(suggestionUrl);
        await StepAsync(department, "Reply", async () =>
        {
            await department.Locator("#category-B").CheckAsync();
            await department.Locator("#Input_Note").FillAsync("已将管网改造列入明年计划，分两期实施。");
        }, "已答复");
        await department.Context.CloseAsync();

        // The deputy evaluates; the list and the archive show the outcome.
        await deputy.GotoAsync(suggestionUrl);
        await Assertions.Expect(deputy.Locator("#reply-category")).ToContainTextAsync("B");
        await StepAsync(deputy, "Evaluate", () => deputy.Locator("#evaluation-BasicallySatisfied").CheckAsync(), "已评价");
        await deputy.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("suggestion-details"), FullPage = true });
        await deputy.GotoAsync("/Suggestions");
        var row = deputy.Locator("#suggestions-table tbody tr", new PageLocatorOptions { HasText = "供热管网改造" });
        await Assertions.Expect(row).ToContainTextAsync("已评价");
        await Assertions.Expect(row).ToContainTextAsync("基本满意");
        await Assertions.Expect(row).ToContainTextAsync("市供热办公室");
        await deputy.GotoAsync($"/Deputies/Archive/{fixture.Data.RongshiDeputyIds[0]}?year=2026");
        await Assertions.Expect(deputy.Locator("#archive")).ToContainTextAsync("领衔提出建议");
        var led = await deputy.Locator("#archive tr", new PageLocatorOptions { HasText = "领衔提出建议" }).Locator("td").TextContentAsync();
        var implemented = await deputy.Locator("#archive tr", new PageLocatorOptions { HasText = "答复为A或B类" }).Locator("td").TextContentAsync();
        Assert.True(int.Parse(led!.Trim(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.True(int.Parse(implemented!.Trim(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await deputy.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("deputy-archive"), FullPage = true });

        await using var db = TestData.Context(fixture.ConnectionString);
        var saved = await db.Suggestions.AsNoTracking().SingleAsync(s => s.Title == "关于老旧小区供热管网改造的建议");
        Assert.Equal((SuggestionStatus.Evaluated, ReplyCategory.B, 2), (saved.Status, saved.LatestReplyCategory!.Value, saved.HandlingUnits.Count));
        await deputy.Context.CloseAsync();
    }
}
