using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Serialization;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Infrastructure.Caching;
using LiaisonStations.Web.Pages.Public;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Open311;

/// <summary>An Open311 service: a request category.</summary>
public sealed record Open311Service(
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("service_name")] string ServiceName,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("metadata")] bool Metadata,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("keywords")] string Keywords,
    [property: JsonPropertyName("group")] string Group);

/// <summary>The answer to a submission: the 查询码 is the service request id.</summary>
public sealed record Open311Created(
    [property: JsonPropertyName("service_request_id")] string ServiceRequestId,
    [property: JsonPropertyName("service_notice")] string ServiceNotice,
    [property: JsonPropertyName("account_id")] string? AccountId);

/// <summary>A service request as anyone holding its code may see it: status and dates, never the citizen or the text.</summary>
public sealed record Open311Request(
    [property: JsonPropertyName("service_request_id"), Description("The 查询码, XXXX-XXXX-XXXX")] string ServiceRequestId,
    [property: JsonPropertyName("status"), Description("open or closed")] string Status,
    [property: JsonPropertyName("status_notes"), Description("The stage in the citizen's words: 已受理 / 已转办 / 已答复 / 已办结")] string StatusNotes,
    [property: JsonPropertyName("service_name")] string ServiceName,
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("agency_responsible"), Description("The department the request is referred to, if any")] string? AgencyResponsible,
    [property: JsonPropertyName("requested_datetime")] string RequestedDatetime,
    [property: JsonPropertyName("updated_datetime")] string UpdatedDatetime,
    [property: JsonPropertyName("expected_datetime"), Description("The referral's due date, if any")] string? ExpectedDatetime,
    [property: JsonPropertyName("address"), Description("The station that handles it")] string Address);

/// <summary>An Open311 error: a list of code and description.</summary>
public sealed record Open311Error(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("description")] string Description);

/// <summary>
/// Open311 GeoReport v2 at /open311/v2/: partner systems (a WeChat mini-program, the 12345 hotline, a district's app)
/// submit citizens' requests into the same flow as the public form, with a key an administrator issued; anyone holding
/// a 查询码 reads its status. jurisdiction_id is the station's code, service_code the category's id. Submissions are
/// limited per key, look-ups per address; every submission is audited under the partner's name.
/// </summary>
public static class Open311Endpoints
{
    public const string Prefix = "/open311/v2";

    private static readonly string[] JsonOnly = ["application/json"];

    public static void MapOpen311(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).AllowAnonymous().WithTags("Open311");
        group.MapGet("/discovery.json", Discovery).WithName("Open311Discovery").WithSummary("Open311 discovery: where the endpoints are and what they speak");
        group.MapGet("/services.json", ServicesAsync).WithName("Open311Services").WithSummary("The categories requests are filed under (service_code = category id)");
        group.MapPost("/requests.json", SubmitAsync).DisableAntiforgery().WithName("Open311Submit")
            .WithSummary("Submit a citizen's request (form fields api_key, jurisdiction_id = station code, service_code, description, phone; optional first_name, last_name, consent_to_contact, consent_to_disclose, consent_to_publish)");
        group.MapGet("/requests.json", ListAsync).WithName("Open311Requests").WithSummary("Status of requests by their codes (service_request_id=code1,code2, at most 20)");
        group.MapGet("/requests/{id}.json", GetAsync).WithName("Open311Request").WithSummary("Status of one request by its code");
    }

    private static IResult Error(int status, string description) =>
        Results.Json(new[] { new Open311Error(status, description) }, statusCode: status);

    private static IResult Discovery(HttpRequest request)
    {
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{Prefix}/";
        return Results.Json(new
        {
            changeset = "2026-11-30T00:00:00+08:00",
            contact = "人大代表联络站工作平台",
            key_service = "API keys are issued by the system administrator to partner systems.",
            endpoints = new[] { new { specification = "http://wiki.open311.org/GeoReport_v2", url, changeset = "2026-11-30T00:00:00+08:00", type = "production", formats = JsonOnly } },
        });
    }

    private static async Task<IResult> ServicesAsync(ReferenceData reference, CancellationToken ct) =>
        Results.Json((await reference.CategoriesAsync(ct))
            .Select(c => new Open311Service(c.Id.ToString(CultureInfo.InvariantCulture), c.Label, c.Label, false, "realtime", c.Name, string.Empty)).ToList());

    private static async Task<IResult> SubmitAsync(
        HttpContext http,
        AppDbContext db,
        RateCounters counters,
        ReferenceData reference,
        TimeProvider clock,
        IConfiguration configuration,
        WorkMetrics metrics,
        IHttpContextAccessor accessor,
        IStringLocalizer<SharedResource> l,
        ILogger<PartnerKey> logger,
        CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return Error(400, "Send application/x-www-form-urlencoded or multipart/form-data.");
        }

        var form = await http.Request.ReadFormAsync(ct);
        string? Field(string name) => form.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        var apiKey = Field("api_key");
        var hash = apiKey is { Length: <= 200 } ? PartnerKey.Hash(apiKey) : null;
        var key = hash is null ? null : await db.PartnerKeys.FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, ct);
        if (key is null)
        {
            logger.LogWarning("Open311 submission refused: missing or unknown api_key");
            return Error(403, "api_key is missing, unknown or revoked.");
        }

        var perHour = configuration.GetValue("Open311:SubmissionsPerKeyPerHour", 600);
        if (await counters.HitAsync(RateCounters.Key("open311-key", key.Id.ToString(CultureInfo.InvariantCulture)), TimeSpan.FromHours(1), ct) > perHour)
        {
            return Error(429, $"More than {perHour} submissions in an hour with this key.");
        }

        var stationCode = Field("jurisdiction_id");
        var station = stationCode is { Length: <= 40 }
            ? await db.Stations.AsNoTracking().Where(s => s.Code == stationCode && s.Status == Domain.Stations.StationStatus.Active).Select(s => new { s.Id, s.Code, s.AreaPath }).FirstOrDefaultAsync(ct)
            : null;
        if (station is null)
        {
            return Error(404, "jurisdiction_id must be the code of an open station.");
        }

        var categories = await reference.CategoriesAsync(ct);
        if (!int.TryParse(Field("service_code"), NumberStyles.None, CultureInfo.InvariantCulture, out var categoryId) || categories.All(c => c.Id != categoryId))
        {
            return Error(400, "service_code must be one of services.json.");
        }

        var description = Field("description");
        if (description is null || description.Length > CitizenRequest.OnlineTextMaxLength)
        {
            return Error(400, $"description is required, at most {CitizenRequest.OnlineTextMaxLength} characters.");
        }

        var phone = PhoneNumber.NormalizeMobile(Field("phone"));
        if (phone is null)
        {
            return Error(400, "phone must be the citizen's mobile number (they follow the request with its last four digits).");
        }

        var name = string.Concat(Field("last_name"), Field("first_name"));
        bool Yes(string field) => string.Equals(Field(field), "true", StringComparison.OrdinalIgnoreCase);
        var now = clock.GetUtcNow();
        CitizenRequest request;
        try
        {
            // Numbered and saved in one transaction (with its audit line): a refused or failed save gives its number back.
            request = await db.InOneTransactionAsync(async () =>
            {
                var number = await RecordNumbers.NextRequestNumberAsync(db, station.AreaPath, now, ct);
                var submitted = CitizenRequest.SubmitOnline(
                    number, RecordNumbers.NewTrackingCode(), station.Id, categoryId, description,
                    new CitizenContact(name.Length == 0 ? null : name[..Math.Min(50, name.Length)], phone, null, Yes("consent_to_contact"), Yes("consent_to_disclose")),
                    Yes("consent_to_publish"), now, key.Channel, new Actor(null, "open311:" + key.Name));
                db.CitizenRequests.Add(submitted);
                key.Used(now);
                db.AuditEntries.Add(AuditTrail.Entry(accessor, clock, "Open311.Submitted", nameof(CitizenRequest), submitted.TrackingNumber, AuditResult.Success, $"partner={key.Name} station={station.Code}", "open311:" + key.Name));
                await db.SaveChangesAsync(ct);
                return submitted;
            }, ct);
        }
        catch (DomainRuleException e)
        {
            return Error(400, l.Rule(e));
        }

        metrics.RequestRegistered();
        logger.LogInformation("Open311: request {Number} submitted by {Partner}", request.TrackingNumber, key.Name);
        return Results.Json(new[] { new Open311Created(RecordNumbers.FormatTrackingCode(request.TrackingCode), request.TrackingNumber, null) });
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, AppDbContext db, PublicFormGuard guard, ReferenceData reference, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (await guard.LookupRefusedAsync(http, ct))
        {
            return Error(429, "Too many look-ups from this address; try again in an hour.");
        }

        var found = await FindAsync([id], db, reference, l, ct);
        return found.Count == 0 ? Error(404, "No request with this id.") : Results.Json(found);
    }

    private static async Task<IResult> ListAsync(
        [Description("One or more codes, separated by commas")] string? service_request_id,
        HttpContext http,
        AppDbContext db,
        PublicFormGuard guard,
        ReferenceData reference,
        IStringLocalizer<SharedResource> l,
        CancellationToken ct)
    {
        var ids = (service_request_id ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length is 0 or > 20)
        {
            return Error(400, "service_request_id is required: one to twenty codes separated by commas.");
        }

        if (await guard.LookupRefusedAsync(http, ct))
        {
            return Error(429, "Too many look-ups from this address; try again in an hour.");
        }

        return Results.Json(await FindAsync(ids, db, reference, l, ct));
    }

    private static async Task<List<Open311Request>> FindAsync(IEnumerable<string> ids, AppDbContext db, ReferenceData reference, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var codes = ids.Select(RecordNumbers.NormalizeTrackingCode).OfType<string>().Distinct().ToArray();
        if (codes.Length == 0)
        {
            return [];
        }

        var rows = await db.CitizenRequests.AsNoTracking().Where(r => codes.Contains(r.TrackingCode))
            .Select(r => new
            {
                r.TrackingCode, r.Status, r.CategoryId, r.CurrentDepartmentId, r.RegisteredAt, r.UpdatedAt, r.DueOn,
                Station = db.Stations.Where(s => s.Id == r.StationId).Select(s => s.Name).First(),
            })
            .ToListAsync(ct);
        var categories = (await reference.CategoriesAsync(ct)).ToDictionary(c => c.Id, c => c.Label);
        var departments = (await reference.DepartmentsAsync(ct)).ToDictionary(d => d.Id, d => d.Name);
        return rows.Select(r => new Open311Request(
            RecordNumbers.FormatTrackingCode(r.TrackingCode),
            RequestWorkflow.IsOpen(r.Status) ? "open" : "closed",
            l[$"PublicStage.{PublicTimeline.StageOf(r.Status)}"],
            categories.GetValueOrDefault(r.CategoryId) ?? string.Empty,
            r.CategoryId.ToString(CultureInfo.InvariantCulture),
            r.CurrentDepartmentId is { } d ? departments.GetValueOrDefault(d) : null,
            Iso(r.RegisteredAt),
            Iso(r.UpdatedAt),
            r.DueOn is { } due ? Iso(ChinaTime.StartOf(due)) : null,
            r.Station)).ToList();
    }

    private static string Iso(DateTimeOffset at) => ChinaTime.ToLocal(at).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
