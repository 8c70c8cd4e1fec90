namespace LiaisonStations.Web.Notifications;

/// <summary>
/// Text messages through the operator's SMS HTTP gateway: <c>Sms:UrlTemplate</c> (e.g.
/// <c>https://sms.example.gov.cn/send?key={key}&amp;to={phone}&amp;text={text}</c>, placeholders URL-encoded) and
/// <c>Sms:Key</c>; the gateway answers 2xx for a message accepted. In Development the text is also written to the log,
/// so the demo works without a gateway.
/// </summary>
public sealed class SmsSender(HttpClient http, IConfiguration configuration, IWebHostEnvironment environment, ILogger<SmsSender> logger)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(configuration["Sms:UrlTemplate"]) || environment.IsDevelopment();

    /// <summary>Sends the text; false when no gateway is set up or it refused (the caller tells the citizen).</summary>
    public async Task<bool> SendAsync(string mobile, string text, CancellationToken ct)
    {
        if (environment.IsDevelopment())
        {
            logger.LogInformation("SMS to {Phone}: {Text}", mobile, text);
        }

        var template = configuration["Sms:UrlTemplate"];
        if (string.IsNullOrWhiteSpace(template))
        {
            return environment.IsDevelopment();
        }

        var url = template
            .Replace("{key}", Uri.EscapeDataString(configuration["Sms:Key"] ?? string.Empty), StringComparison.Ordinal)
            .Replace("{phone}", Uri.EscapeDataString(mobile), StringComparison.Ordinal)
            .Replace("{text}", Uri.EscapeDataString(text), StringComparison.Ordinal);
        try
        {
            using var response = await http.PostAsync(url, content: null, ct);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("SMS gateway refused a message: {Status}", (int)response.StatusCode);
            }

            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(e, "SMS gateway not reachable");
            return false;
        }
    }
}
