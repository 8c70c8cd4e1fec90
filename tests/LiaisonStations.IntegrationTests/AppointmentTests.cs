using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using LiaisonStations.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// 预约接待 (issue 14, point 4): the clerk offers places on a planned reception day; citizens book them from the public
/// pages and cancel with their code; the clerk sees the bookings on the day's page and in the register.
/// </summary>
public sealed class AppointmentTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Citizens_book_the_places_a_clerk_offers_and_cancel_with_their_code()
    {
        await using (var db = fixture.Db())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM rate_counters");
        }

        var date = DateOnly.FromDateTime(FixedClock.Default.Date).AddDays(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var clerk = await fixture.SessionAsync("clerk");
        var dayId = await PlanAsync("冬季供暖预约接待", 6, capacity: 2);

        // The station's public page offers the places.
        var citizen = fixture.NewSession();
        var station = await citizen.GetAsync("/public/stations/ST-RS");
        var link = station.QuerySelectorAll("#upcoming-days a.public-book").Single(a => a.GetAttribute("href")!.EndsWith($"/days/{dayId}/book", StringComparison.Ordinal));
        Assert.Contains("2", link.TextContent, StringComparison.Ordinal);

        var (code, _) = await BookAsync(citizen, dayId, "刘阿姨", "139 0000 1111", "暖气不热");
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", code);

        // One place per phone; the next phone takes the last place; then the day is full.
        var again = await SendBookingAsync(citizen, dayId, "刘阿姨", "13900001111", "再约一次");
        Assert.Contains("已预约", again.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        await BookAsync(citizen, dayId, "王大爷", "13900002222", "小区停车难");
        var full = await citizen.GetAsync($"/public/days/{dayId}/book");
        Assert.Null(full.QuerySelector("#book-form"));
        Assert.NotNull(full.QuerySelector("#book-refusal"));
        Assert.NotNull((await citizen.GetAsync("/public/stations/ST-RS")).QuerySelector("#upcoming-days .public-full"));

        // The clerk sees them in clear, district staff masked; the register counts them.
        var day = await clerk.GetAsync($"/ReceptionDays/Details/{dayId}");
        var table = day.QuerySelector("#day-appointments")!.TextContent;
        Assert.Contains("刘阿姨", table, StringComparison.Ordinal);
        Assert.Contains("13900001111", table, StringComparison.Ordinal);
        var district = await fixture.SessionAsync("district");
        var masked = (await district.GetAsync($"/ReceptionDays/Details/{dayId}")).QuerySelector("#day-appointments")!.TextContent;
        Assert.DoesNotContain("13900001111", masked, StringComparison.Ordinal);
        Assert.Contains("139****1111", masked, StringComparison.Ordinal);
        var register = await clerk.GetAsync($"/Registers?station={fixture.Data.RongshiStationId}&book=activity&from={date}&to={date}");
        Assert.Contains(register.QuerySelectorAll("[data-booked]"), c => c.TextContent.Trim() == "2");

        // Cancelling: wrong digits and an unknown code look the same; the right ones free the place.
        Assert.NotNull((await CancelAsync(citizen, code, "0000")).QuerySelector("#cancel-message"));
        Assert.Equal(
            (await CancelAsync(citizen, code, "0000")).QuerySelector("#cancel-message")!.TextContent,
            (await CancelAsync(citizen, "ABCD-EFGH-JKMN", "1111")).QuerySelector("#cancel-message")!.TextContent);
        Assert.NotNull((await CancelAsync(citizen, code.ToLowerInvariant(), "1111")).QuerySelector("#cancel-done"));
        Assert.NotNull((await CancelAsync(citizen, code, "1111")).QuerySelector("#cancel-message"));
        Assert.NotNull((await citizen.GetAsync($"/public/days/{dayId}/book")).QuerySelector("#book-form"));

        // Fewer places than bookings is refused with a message.
        var edit = await clerk.GetAsync($"/ReceptionDays/Plan/{dayId}");
        using var lowered = await clerk.SubmitAsync(edit, "#plan-form", new Dictionary<string, string?> { ["Input.AppointmentCapacity"] = "0", ["Confirmed"] = "true" }, pageUrl: $"/ReceptionDays/Plan/{dayId}");
        Assert.Equal(HttpStatusCode.OK, lowered.StatusCode);
        Assert.Contains("已有 1 人预约", (await PageSession.ReadAsync(lowered)).DocumentElement.TextContent, StringComparison.Ordinal);

        // Unknown days and days without places are not found.
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.Client.GetAsync("/public/days/999999/book")).StatusCode);
    }

    [Fact]
    public async Task A_booking_form_sent_again_shows_its_code_and_sent_after_cancelling_or_on_another_day_books_anew()
    {
        await using (var db = fixture.Db())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM rate_counters");
        }

        var first = await PlanAsync("重复预约测试一", 9);
        var second = await PlanAsync("重复预约测试二", 10);
        var citizen = fixture.NewSession();
        var form = await citizen.GetAsync($"/public/days/{first}/book");
        var values = new Dictionary<string, string?> { ["Input.Name"] = "赵大姐", ["Input.Phone"] = "13900003333", ["Input.Topic"] = "楼道堆物" };
        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(6));

        // A double tap, or a resend after no answer came: the same code, one place.
        var codes = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await citizen.SubmitAsync(form, "#book-form", values, pageUrl: $"/public/days/{first}/book");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            codes.Add((await citizen.GetAsync("/public/booked")).QuerySelector("#booked-code")!.TextContent.Trim());
        }

        Assert.Equal(codes[0], codes[1]);
        Assert.Equal(1, await PlacesTakenAsync(first));

        // The same form's ticket carried to another day's form: a booking there, with a code of its own.
        var other = await citizen.GetAsync($"/public/days/{second}/book");
        other.QuerySelector("input[name='Input.Ticket']")!.SetAttribute("value", form.QuerySelector("input[name='Input.Ticket']")!.GetAttribute("value"));
        using (var carried = await citizen.SubmitAsync(other, "#book-form", values, pageUrl: $"/public/days/{second}/book"))
        {
            Assert.Equal(HttpStatusCode.Redirect, carried.StatusCode);
        }

        Assert.NotEqual(codes[0], (await citizen.GetAsync("/public/booked")).QuerySelector("#booked-code")!.TextContent.Trim());
        Assert.Equal(1, await PlacesTakenAsync(second));

        // Cancelled, then the first form sent once more: a new booking with a new code, not a server error.
        Assert.NotNull((await CancelAsync(citizen, codes[0], "3333")).QuerySelector("#cancel-done"));
        using (var again = await citizen.SubmitAsync(form, "#book-form", values, pageUrl: $"/public/days/{first}/book"))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        Assert.NotEqual(codes[0], (await citizen.GetAsync("/public/booked")).QuerySelector("#booked-code")!.TextContent.Trim());
        Assert.Equal(1, await PlacesTakenAsync(first));
    }

    private async Task<int> PlanAsync(string theme, int daysAhead, int capacity = 3)
    {
        var clerk = await fixture.SessionAsync("clerk");
        var form = await clerk.GetAsync("/ReceptionDays/Plan");
        using (var planned = await clerk.SubmitAsync(form, "#plan-form", new Dictionary<string, string?>
        {
            ["Input.Date"] = DateOnly.FromDateTime(FixedClock.Default.Date).AddDays(daysAhead).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Type"] = "ThemedReception",
            ["Input.Theme"] = theme,
            ["Input.StartsAt"] = "09:00",
            ["Input.DeputyIds"] = fixture.Data.RongshiDeputyIds[0].ToString(CultureInfo.InvariantCulture),
            ["Input.AppointmentCapacity"] = capacity.ToString(CultureInfo.InvariantCulture),
            ["Confirmed"] = "true",
        }, pageUrl: "/ReceptionDays/Plan"))
        {
            Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        }

        await using var db = fixture.Db();
        return await db.ReceptionDays.Where(d => d.Theme == theme).Select(d => d.Id).SingleAsync();
    }

    private async Task<int> PlacesTakenAsync(int dayId)
    {
        await using var db = fixture.Db();
        var day = await db.ReceptionDays.AsNoTracking().SingleAsync(d => d.Id == dayId);
        return day.PlacesTaken;
    }

    private async Task<(string Code, IHtmlDocument Page)> BookAsync(PageSession citizen, int dayId, string name, string phone, string topic)
    {
        var form = await citizen.GetAsync($"/public/days/{dayId}/book");
        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(6));
        using var response = await citizen.SubmitAsync(form, "#book-form", new Dictionary<string, string?> { ["Input.Name"] = name, ["Input.Phone"] = phone, ["Input.Topic"] = topic }, pageUrl: $"/public/days/{dayId}/book");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await PageSession.ReadAsync(response)).QuerySelector(".alert")?.TextContent);
        var done = await citizen.GetAsync("/public/booked");
        return (done.QuerySelector("#booked-code")!.TextContent.Trim(), done);
    }

    private async Task<IHtmlDocument> SendBookingAsync(PageSession citizen, int dayId, string name, string phone, string topic)
    {
        var form = await citizen.GetAsync($"/public/days/{dayId}/book");
        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(6));
        using var response = await citizen.SubmitAsync(form, "#book-form", new Dictionary<string, string?> { ["Input.Name"] = name, ["Input.Phone"] = phone, ["Input.Topic"] = topic }, pageUrl: $"/public/days/{dayId}/book");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PageSession.ReadAsync(response);
    }

    private static async Task<IHtmlDocument> CancelAsync(PageSession citizen, string code, string digits)
    {
        var form = await citizen.GetAsync("/public/appointments/cancel");
        using var response = await citizen.SubmitAsync(form, "#cancel-form", new Dictionary<string, string?> { ["Input.Code"] = code, ["Input.PhoneDigits"] = digits }, pageUrl: "/public/appointments/cancel");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PageSession.ReadAsync(response);
    }
}
