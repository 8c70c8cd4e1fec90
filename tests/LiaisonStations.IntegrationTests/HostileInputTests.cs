using System.Net;
using AngleSharp.Html.Dom;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Suggestions;
using LiaisonStations.Tests.Shared;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// Bad input never ends in a 500 or an echo of raw markup. Every page the application has (found from its
/// endpoint metadata, each request and suggestion step too) is opened as an administrator and as a clerk; every
/// form on it, POST and GET alike, is sent with hostile values in every field: markup, numbers that are not,
/// impossible dates, overflowing and empty ones.
/// </summary>
public sealed class HostileInputTests(PermissionMatrixTests.Fixture fixture) : IClassFixture<PermissionMatrixTests.Fixture>
{
    private const string Markup = "<i data-hostile=\"1\">x</i>";

    private static readonly string[] Values =
    [
        Markup,
        "\"><svg onload=alert(1)>",
        "0",
        "-1",
        "2026-02-30",
        "99999999999999999999999",
        "true,false",
        "１２３",
        new string('长', 5000),
        " ",
    ];

    /// <summary>Forms that end the session or leave the site are not sent.</summary>
    private static readonly string[] NotSent = ["/Account/Logout"];

    public static TheoryData<string> Roles() => new() { "admin", "clerk" };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_form_of_every_page_takes_hostile_values_without_a_server_error_or_raw_echo(string role)
    {
        var session = await fixture.SignedInAsync(role);
        var failures = new List<string>();
        var forms = 0;
        foreach (var url in PageUrls())
        {
            using var response = await session.Client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var page = await PageSession.ParseAsync(await response.Content.ReadAsStringAsync());
            foreach (var form in page.QuerySelectorAll("form").OfType<IHtmlFormElement>().ToList())
            {
                var action = form.GetAttribute("action");
                var target = string.IsNullOrEmpty(action) ? url : action;
                if (NotSent.Any(n => target.StartsWith(n, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                forms++;
                var fields = PageSession.CollectFields(form);
                var token = fields.FirstOrDefault(f => f.Key == "__RequestVerificationToken");
                var names = fields.Select(f => f.Key).Where(k => k != "__RequestVerificationToken").Distinct().ToList();
                var isGet = string.Equals(form.Method, "get", StringComparison.OrdinalIgnoreCase);
                foreach (var value in Values)
                {
                    var sent = names.Select(n => new KeyValuePair<string, string>(n, value)).ToList();
                    if (token.Key is not null)
                    {
                        sent.Add(token);
                    }

                    HttpResponseMessage answer;
                    if (isGet)
                    {
                        var query = string.Join("&", sent.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
                        var path = target.Split('?')[0];
                        answer = await session.Client.GetAsync(path + "?" + query);
                    }
                    else
                    {
                        using var content = new FormUrlEncodedContent(sent);
                        answer = await session.Client.PostAsync(target, content);
                    }

                    using (answer)
                    {
                        var body = await answer.Content.ReadAsStringAsync();
                        var where = $"{(isGet ? "GET" : "POST")} {target} (from {url}) with {Shorten(value)}";
                        if ((int)answer.StatusCode >= 500)
                        {
                            failures.Add($"{where}: {(int)answer.StatusCode}");
                        }
                        else if (answer.Content.Headers.ContentType?.MediaType == "text/html" && (body.Contains(Markup, StringComparison.Ordinal) || body.Contains("<svg onload", StringComparison.OrdinalIgnoreCase)))
                        {
                            failures.Add($"{where}: the markup came back unencoded");
                        }
                    }
                }
            }
        }

        Assert.True(forms > 40, $"only {forms} forms found");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Every page (GET handler without a name) with this fixture's ids, and each step of the two Act pages.</summary>
    private IEnumerable<string> PageUrls()
    {
        var pages = PermissionMatrixTests.Discover(fixture.Factory.Services)
            .Where(k => k.StartsWith("GET /", StringComparison.Ordinal) && !k.Contains('?', StringComparison.Ordinal) && !k.Contains('{', StringComparison.Ordinal))
            .Select(k => fixture.Url(k["GET ".Length..]))
            .Where(u => !u.StartsWith("/api/", StringComparison.Ordinal) && !u.StartsWith("/health", StringComparison.Ordinal))
            .ToList();
        pages.AddRange(Enum.GetNames<RequestStep>().Select(s => $"/Requests/Act/{fixture.RequestId}/{s}"));
        pages.AddRange(Enum.GetNames<SuggestionStep>().Select(s => $"/Suggestions/Act/{fixture.SuggestionId}/{s}"));
        return pages.Distinct();
    }

    private static string Shorten(string value) => value.Length > 30 ? value[..10] + $"…({value.Length})" : value;
}
