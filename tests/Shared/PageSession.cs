using System.Net;
using AngleSharp;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace LiaisonStations.Tests.Shared;

/// <summary>
/// Drives pages the way a browser does without one: GET a page, fill in its real form (antiforgery token
/// included) and post it. Cookies are kept by the HttpClient.
/// </summary>
public sealed class PageSession(HttpClient client)
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client { get; } = client;

    public async Task<IHtmlDocument> GetAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"GET {url}: expected {(int)expected}, got {(int)response.StatusCode}\n{body[..Math.Min(body.Length, 2000)]}");
        }

        return await Parser.ParseDocumentAsync(body);
    }

    /// <summary>Signs in through the real login form.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string userName, string password)
    {
        var login = await GetAsync("/Account/Login");
        return await SubmitAsync(login, "main form", new Dictionary<string, string?> { ["Input.UserName"] = userName, ["Input.Password"] = password }, pageUrl: "/Account/Login");
    }

    /// <summary>The antiforgery token of this signed-in session, taken from a page every account may open.</summary>
    public async Task<string> AntiforgeryTokenAsync()
    {
        var page = await GetAsync("/Account/ChangePassword");
        return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    public static Task<IHtmlDocument> ParseAsync(string html) => Parser.ParseDocumentAsync(html);

    /// <summary>Uploads one file as the page at <paramref name="pageUrl"/> does (multipart, its antiforgery token, the given fields).</summary>
    public async Task<HttpResponseMessage> UploadAsync(string pageUrl, string postUrl, string field, string fileName, byte[] bytes, IReadOnlyDictionary<string, string>? values = null)
    {
        var page = await GetAsync(pageUrl);
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken");
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            content.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "text/csv" : "application/octet-stream");
        content.Add(file, field, fileName);
        return await Client.PostAsync(postUrl, content);
    }

    /// <summary>Posts the form found by <paramref name="formSelector"/> with its current values, overridden by <paramref name="values"/> (null removes a field).</summary>
    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string formSelector, IReadOnlyDictionary<string, string?>? values = null, string? submitName = null, string? submitValue = null, string? pageUrl = null)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"no form {formSelector}");
        var fields = CollectFields(form);
        foreach (var (name, value) in values ?? new Dictionary<string, string?>())
        {
            fields.RemoveAll(f => f.Key == name);
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        if (submitName is not null)
        {
            fields.Add(new(submitName, submitValue ?? string.Empty));
        }

        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? pageUrl ?? page.Url : action;
        if (target.StartsWith("about:", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the form has no action; pass pageUrl");
        }

        using var content = new FormUrlEncodedContent(fields);
        return await Client.PostAsync(target, content);
    }

    public static List<KeyValuePair<string, string>> CollectFields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    var type = input.Type.ToLowerInvariant();
                    if (type is "submit" or "button" or "file" or "image" or "reset")
                    {
                        continue;
                    }

                    if (type is "checkbox" or "radio")
                    {
                        if (input.IsChecked)
                        {
                            fields.Add(new(input.Name!, input.Value));
                        }

                        continue;
                    }

                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    foreach (var option in select.Options.Where(o => o.IsSelected))
                    {
                        fields.Add(new(select.Name!, option.Value));
                    }

                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name!, area.Value));
                    break;
            }
        }

        return fields;
    }

    public static async Task<IHtmlDocument> ReadAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
}
