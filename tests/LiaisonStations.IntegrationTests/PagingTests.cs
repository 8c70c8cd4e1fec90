using System.Reflection;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Tests.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// `?page=N` opens page N. Razor Pages puts the page's own path into the route value "page", and a property bound with
/// [BindProperty(Name = "page")] read that route value before the query string: every list showed page 1 whatever
/// was asked (and threw a FormatException inside model binding on every request).
/// </summary>
public sealed class PagingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public void No_page_model_binds_a_property_to_a_route_key_of_Razor_Pages()
    {
        var reserved = new[] { "page", "handler" };
        var offenders = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(PageModel).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties().Select(p => (Type: t, Property: p, Bind: p.GetCustomAttribute<BindPropertyAttribute>())))
            .Where(x => x.Bind is not null && reserved.Contains(x.Bind.Name ?? x.Property.Name, StringComparer.OrdinalIgnoreCase))
            .Select(x => $"{x.Type.Name}.{x.Property.Name}")
            .ToList();
        Assert.Empty(offenders);

        // The list pages that page do read "page" from the query string.
        var paged = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(PageModel).IsAssignableFrom(t))
            .Where(t => t.GetProperties().Any(p => p.GetCustomAttribute<FromQueryAttribute>()?.Name == "page"))
            .Select(t => t.Name)
            .ToList();
        Assert.True(paged.Count >= 10, string.Join(", ", paged));
    }

    [Theory]
    [InlineData("admin", "/Stations?page=2")]
    [InlineData("city", "/Stations?page=3")]
    [InlineData("admin", "/public/stations?page=2")]
    public async Task Asking_for_a_page_shows_that_page(string user, string url)
    {
        await EnoughStationsAsync();
        var session = await fixture.SessionAsync(user);
        var asked = int.Parse(url[(url.LastIndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var page = await session.GetAsync(url);
        Assert.Equal(asked.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector(".pagination [aria-current='page']")?.TextContent);

        var first = await session.GetAsync(url[..url.IndexOf('?', StringComparison.Ordinal)]);
        Assert.NotEqual(first.QuerySelector("table tbody tr, main li.border a")?.TextContent, page.QuerySelector("table tbody tr, main li.border a")?.TextContent);
    }

    private static readonly SemaphoreSlim Once = new(1, 1);

    private async Task EnoughStationsAsync()
    {
        await Once.WaitAsync();
        try
        {
            await using var db = fixture.Db();
            if (db.Stations.Any(s => s.Code.StartsWith("ST-PAGE-")))
            {
                return;
            }

            var hexing = db.Areas.Single(a => a.Id == fixture.Data.HexingStreetId);
            for (var i = 0; i < 70; i++)
            {
                db.Stations.Add(Station.Create($"ST-PAGE-{i:00}", $"和兴街道分页联络点{i:00}", StationKind.Point, HostType.Community, hexing, null, new DateOnly(2020, 1, 1), false, FixedClock.Default));
            }

            await db.SaveChangesAsync();
        }
        finally
        {
            Once.Release();
        }
    }
}
