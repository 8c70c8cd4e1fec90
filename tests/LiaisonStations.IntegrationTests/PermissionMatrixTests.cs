using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// Every page handler and endpoint of the application, found from the app itself, against an explicit table
/// of who may use it. Ids in the table belong to 荣市街道 (clerk's station); clerk2 and the department
/// stand for "another scope". A page missing from the table fails the coverage test.
/// </summary>
public sealed partial class PermissionMatrixTests(PermissionMatrixTests.Fixture fixture) : IClassFixture<PermissionMatrixTests.Fixture>
{
    public enum Expect
    {
        /// <summary>Served: not 403, not 404, not sent to the login page.</summary>
        Allowed,

        /// <summary>403: the role may not use this page at all.</summary>
        Denied,

        /// <summary>404: the role may use the page but the id is outside its scope.</summary>
        NotFound,

        /// <summary>Anonymous: redirected to the login page (a page) or answered 401 (the JSON API).</summary>
        Login,
    }

    private const Expect A = Expect.Allowed;
    private const Expect D = Expect.Denied;
    private const Expect N = Expect.NotFound;
    private const Expect L = Expect.Login;

    private static readonly string[] Roles = ["anonymous", "admin", "city", "district", "clerk", "clerk2", "deputy", "department"];

    private const string MustChangeUser = "matrix-mustchange";
    private const string CanaryNumber = "2026-NG-000901";
    private const string CanarySummary = "哨兵诉求不可外泄";

    /// <summary>Roles outside the canary request's scope: whatever a page shows them must not contain it.</summary>
    private static readonly string[] CannotSeeCanary = ["anonymous", "clerk2", "deputy", "department"];

    /// <summary>What an account that must change its password may still reach.</summary>
    private static readonly string[] ServedBeforePasswordChange = ["/Account/ChangePassword", "/Account/Logout", "/Error", "/Status", "/Language", "/health/", "/openapi/", "/metrics"];

    // Columns:                                                    anonymous admin city district clerk clerk2 deputy department
    private static readonly Dictionary<string, Expect[]> Table = new()
    {
        // The anonymous visitor is sent to the public home; everything under /public is open to all (no personal data).
        ["GET /Index"] = [A, A, A, A, A, A, A, A],
        ["GET /Public/Index"] = [A, A, A, A, A, A, A, A],
        ["GET /Public/Stations"] = [A, A, A, A, A, A, A, A],
        ["GET /Public/Station"] = [A, A, A, A, A, A, A, A],
        ["GET /Public/Calendar"] = [A, A, A, A, A, A, A, A],
        ["GET /Public/Poster"] = [A, A, A, A, A, A, A, A],
        ["GET /Public/Results"] = [A, A, A, A, A, A, A, A],
        ["GET /Public/Privacy"] = [A, A, A, A, A, A, A, A],
        ["GET /Public/Submit"] = [A, A, A, A, A, A, A, A],
        ["POST /Public/Submit"] = [A, A, A, A, A, A, A, A],
        ["GET /Public/Submitted"] = [A, A, A, A, A, A, A, A],
        ["GET /Public/Track"] = [A, A, A, A, A, A, A, A],
        ["POST /Public/Track"] = [A, A, A, A, A, A, A, A],
        ["POST /Public/Track?handler=Evaluate"] = [A, A, A, A, A, A, A, A],

        ["GET /Public/Booked"] = [A, A, A, A, A, A, A, A],
        ["GET /Public/CancelBooking"] = [A, A, A, A, A, A, A, A],
        ["POST /Public/CancelBooking"] = [A, A, A, A, A, A, A, A],

        ["GET /Public/Book"] = [A, A, A, A, A, A, A, A],
        ["POST /Public/Book"] = [A, A, A, A, A, A, A, A],

        // Open311: discovery and services for all; a submission without a key is refused (403); a code nobody has is 404;
        // a list without codes is a bad request.
        ["GET /open311/v2/discovery.json"] = [A, A, A, A, A, A, A, A],
        ["GET /open311/v2/services.json"] = [A, A, A, A, A, A, A, A],
        ["POST /open311/v2/requests.json"] = [D, D, D, D, D, D, D, D],
        ["GET /open311/v2/requests/{id}.json"] = [N, N, N, N, N, N, N, N],
        ["GET /open311/v2/requests.json"] = [A, A, A, A, A, A, A, A],

        ["GET /Public/Votes"] = [A, A, A, A, A, A, A, A],
        ["GET /Public/Vote"] = [A, A, A, A, A, A, A, A],
        ["POST /Public/Vote?handler=Send"] = [A, A, A, A, A, A, A, A],
        ["POST /Public/Vote?handler=Confirm"] = [A, A, A, A, A, A, A, A],

        // A challenge's picture exists only for a token the submit form issued.
        ["GET /Public/Challenge"] = [N, N, N, N, N, N, N, N],
        ["GET /Error"] = [A, A, A, A, A, A, A, A],
        ["POST /Error"] = [A, A, A, A, A, A, A, A],
        ["GET /Status"] = [A, A, A, A, A, A, A, A],
        ["POST /Status"] = [A, A, A, A, A, A, A, A],
        ["GET /Language"] = [A, A, A, A, A, A, A, A],
        ["POST /Language"] = [A, A, A, A, A, A, A, A],
        ["GET /Account/Login"] = [A, A, A, A, A, A, A, A],
        ["POST /Account/Login"] = [A, A, A, A, A, A, A, A],
        ["GET /Account/Logout"] = [L, A, A, A, A, A, A, A],
        ["POST /Account/Logout"] = [L, A, A, A, A, A, A, A],
        ["GET /Account/ChangePassword"] = [L, A, A, A, A, A, A, A],
        ["POST /Account/ChangePassword"] = [L, A, A, A, A, A, A, A],
        ["GET /Stations/Index"] = [L, A, A, A, A, A, A, D],
        ["GET /Stations/Index?handler=Export"] = [L, A, A, A, A, A, A, D],
        ["GET /Stations/Details"] = [L, A, A, A, A, N, A, D],
        ["POST /Stations/Details?handler=Reopen"] = [L, A, A, A, N, N, N, D],
        ["POST /Stations/Details?handler=GenerateDays"] = [L, A, N, A, A, N, N, D],
        ["GET /Stations/Standards"] = [L, A, A, A, N, N, N, D],
        ["POST /Stations/Standards"] = [L, A, A, A, N, N, N, D],
        ["GET /Stations/Stars"] = [L, A, A, A, A, A, A, D],
        ["POST /Stations/Stars?handler=Nominate"] = [L, A, A, A, D, D, D, D],
        ["POST /Stations/Stars?handler=Advance"] = [L, N, N, D, D, D, D, D],
        ["GET /Stations/Create"] = [L, A, A, A, D, D, D, D],
        ["POST /Stations/Create"] = [L, A, A, A, D, D, D, D],
        ["GET /Stations/Edit"] = [L, A, A, A, N, N, N, D],
        ["POST /Stations/Edit"] = [L, A, A, A, N, N, N, D],
        ["GET /Stations/Close"] = [L, A, A, A, N, N, N, D],
        ["POST /Stations/Close"] = [L, A, A, A, N, N, N, D],
        ["GET /Stations/Areas"] = [L, A, A, A, D, D, D, D],
        ["GET /Requests/Index"] = [L, A, A, A, A, A, A, A],
        ["GET /Requests/Details"] = [L, A, A, A, A, N, A, A],
        ["POST /Requests/Details?handler=Unmask"] = [L, A, A, A, D, N, D, D],
        ["GET /Stations/Voting"] = [L, A, A, D, D, D, D, D],
        ["POST /Stations/Voting?handler=Open"] = [L, A, A, D, D, D, D, D],
        ["POST /Stations/Voting?handler=Count"] = [L, N, N, D, D, D, D, D],
        ["GET /Admin/PartnerKeys/Index"] = [L, A, D, D, D, D, D, D],
        ["POST /Admin/PartnerKeys/Index?handler=Issue"] = [L, A, D, D, D, D, D, D],
        ["POST /Admin/PartnerKeys/Index?handler=Revoke"] = [L, N, D, D, D, D, D, D],

        // A photo of the request by its id: the photo id 0 is nobody's, so those in scope get 404 too (scope: OnlineRequestTests).
        ["GET /Requests/Details?handler=Photo"] = [L, N, N, N, N, N, N, N],
        ["GET /Requests/Index?handler=Export"] = [L, A, A, A, A, A, A, A],
        ["GET /Requests/Act"] = [L, A, A, A, A, N, A, D],
        ["GET /Requests/Print"] = [L, A, D, A, A, N, D, D],
        // Metrics only for the allowed networks (loopback by default); the test server's callers have no address: 404 for all.
        ["GET /metrics"] = [N, N, N, N, N, N, N, N],
        // The benchmark's floor page exists only when Bench:BarePage is set (never in a deployment).
        ["GET /Bench/Bare"] = [N, N, N, N, N, N, N, N],
        ["GET /Bench/Signed"] = [L, N, N, N, N, N, N, N],
        ["GET /Admin/Categories/Index"] = [L, A, D, D, D, D, D, D],
        ["POST /Admin/Categories/Index?handler=Save"] = [L, A, D, D, D, D, D, D],
        ["POST /Requests/Act"] = [L, A, A, A, A, N, A, D],
        ["GET /Requests/Register"] = [L, A, D, A, A, A, D, D],
        ["POST /Requests/Register"] = [L, A, D, A, A, A, D, D],
        ["GET /Requests/Register?handler=Similar"] = [L, A, D, A, A, A, D, D],
        ["GET /ReceptionDays/Index"] = [L, A, A, A, A, A, A, D],
        ["GET /ReceptionDays/Details"] = [L, A, A, A, A, N, A, D],
        ["GET /ReceptionDays/Plan"] = [L, A, D, A, A, A, D, D],
        ["POST /ReceptionDays/Plan"] = [L, A, D, A, A, A, D, D],
        ["GET /ReceptionDays/Hold"] = [L, A, D, A, A, N, D, D],
        ["POST /ReceptionDays/Hold"] = [L, A, D, A, A, N, D, D],
        ["GET /ReceptionDays/Cancel"] = [L, A, D, A, A, N, D, D],
        ["POST /ReceptionDays/Cancel"] = [L, A, D, A, A, N, D, D],
        ["GET /Registers/Index"] = [L, A, A, A, A, N, A, D],
        ["GET /Registers/Index?handler=Export"] = [L, A, A, A, A, N, A, D],
        ["GET /Deputies/Index"] = [L, A, A, A, A, A, A, D],
        ["GET /Deputies/Details"] = [L, A, A, A, A, N, A, D],
        ["GET /Deputies/Assignment"] = [L, A, A, A, D, D, D, D],
        ["POST /Deputies/Assignment?handler=Assign"] = [L, A, A, A, D, D, D, D],
        ["POST /Deputies/Assignment?handler=Move"] = [L, A, A, A, D, D, D, D],
        ["POST /Deputies/Assignment?handler=End"] = [L, A, A, A, D, D, D, D],
        ["POST /Deputies/Assignment?handler=Role"] = [L, A, A, A, D, D, D, D],
        ["GET /Deputies/Stars"] = [L, A, A, A, A, A, A, D],
        ["POST /Deputies/Stars?handler=Nominate"] = [L, A, A, A, D, D, D, D],
        ["POST /Deputies/Stars?handler=Advance"] = [L, A, A, D, D, D, D, D],
        ["GET /Departments/Index"] = [L, A, A, A, A, A, A, D],
        ["GET /Departments/Edit"] = [L, A, A, D, D, D, D, D],
        ["POST /Departments/Edit"] = [L, A, A, D, D, D, D, D],
        ["GET /Suggestions/Index"] = [L, A, A, D, D, D, A, A],
        ["GET /Suggestions/Index?handler=Export"] = [L, A, A, D, D, D, A, A],
        ["GET /Suggestions/Details"] = [L, A, A, D, D, D, A, A],
        ["GET /Suggestions/Create"] = [L, D, D, D, D, D, A, D],
        ["POST /Suggestions/Create"] = [L, D, D, D, D, D, A, D],
        ["GET /Suggestions/Act"] = [L, A, A, D, D, D, D, A],
        ["POST /Suggestions/Act"] = [L, A, A, D, D, D, D, A],
        ["GET /Notifications/Index"] = [L, A, A, A, A, A, A, A],
        ["POST /Notifications/Index?handler=Open"] = [L, N, N, N, N, N, N, N],
        ["POST /Notifications/Index?handler=ReadAll"] = [L, A, A, A, A, A, A, A],
        ["GET /Deputies/Archive"] = [L, A, A, A, A, N, A, D],
        ["GET /Deputies/Archive?handler=Export"] = [L, A, A, A, A, N, A, D],
        ["GET /Deputies/Archives"] = [L, A, A, A, A, A, A, D],
        ["GET /Deputies/Archives?handler=Export"] = [L, A, A, A, A, A, A, D],
        ["GET /ReceptionDays/Votes"] = [L, A, D, A, A, N, D, D],
        ["POST /ReceptionDays/Votes"] = [L, A, D, A, A, N, D, D],
        ["GET /Consultations/Index"] = [L, A, A, A, A, A, A, D],
        ["GET /Consultations/Create"] = [L, A, D, A, A, A, D, D],
        ["POST /Consultations/Create"] = [L, A, D, A, A, A, D, D],
        ["GET /Consultations/Details"] = [L, A, A, A, A, N, A, D],
        ["POST /Consultations/Details?handler=Opinion"] = [L, A, D, A, A, N, D, D],
        ["POST /Consultations/Details?handler=Close"] = [L, A, D, A, A, N, D, D],
        ["POST /Consultations/Details?handler=Summary"] = [L, A, D, A, A, N, D, D],
        ["GET /Admin/Users/Index"] = [L, A, D, A, D, D, D, D],
        ["GET /Admin/Users/Create"] = [L, A, D, A, D, D, D, D],
        ["POST /Admin/Users/Create"] = [L, A, D, A, D, D, D, D],
        ["GET /Admin/Users/Edit"] = [L, A, D, A, D, D, D, D],
        ["POST /Admin/Users/Edit"] = [L, A, D, A, D, D, D, D],
        ["POST /Admin/Users/Edit?handler=ResetPassword"] = [L, A, D, A, D, D, D, D],
        ["POST /Admin/Users/Edit?handler=Disable"] = [L, A, D, A, D, D, D, D],
        ["POST /Admin/Users/Edit?handler=Enable"] = [L, A, D, A, D, D, D, D],
        ["POST /Admin/Users/Edit?handler=Unlock"] = [L, A, D, A, D, D, D, D],
        ["GET /Admin/Audit/Index"] = [L, A, D, D, D, D, D, D],
        ["GET /Admin/Import/Index"] = [L, A, D, A, D, D, D, D],
        ["POST /Admin/Import/Index"] = [L, A, D, A, D, D, D, D],
        ["GET /Admin/Calendar/Index"] = [L, A, D, D, D, D, D, D],
        ["POST /Admin/Calendar/Index?handler=Save"] = [L, A, D, D, D, D, D, D],
        ["POST /Admin/Calendar/Index?handler=Delete"] = [L, A, D, D, D, D, D, D],
        ["POST /Admin/Calendar/Index?handler=Import"] = [L, A, D, D, D, D, D, D],
        ["GET /api/stats"] = [L, A, A, A, D, D, D, D],
        ["GET /openapi/{documentName}.json"] = [A, A, A, A, A, A, A, A],
        ["GET /Dashboard/Index"] = [L, A, A, A, A, A, D, D],
        ["GET /Dashboard/Index?handler=Export"] = [L, A, A, A, A, A, D, D],
        ["GET /Dashboard/Report"] = [L, A, A, A, A, A, D, D],
        ["GET /ReceptionDays/List"] = [L, A, A, A, A, A, A, D],
        ["GET /health/live"] = [A, A, A, A, A, A, A, A],
        ["GET /health/ready"] = [A, A, A, A, A, A, A, A],
    };

    public sealed class Fixture : AppFixture
    {
        public long RequestId { get; private set; }

        public int ReceptionDayId { get; private set; }

        public int BookableDayId { get; private set; }

        public int VotingRoundId { get; private set; }

        public int HonourId { get; private set; }

        public int DutyDayId { get; private set; }

        public int ConsultationId { get; private set; }

        public long SuggestionId { get; private set; }

        public string TargetUserId { get; private set; } = string.Empty;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = Db();
            var clerk = new Actor(null, "联络员");
            var r = CitizenRequest.Register("2026-NG-000900", "MATRIXCODE000001", Data.RongshiStationId, null, RequestChannel.WalkIn, Data.HeatingCategoryId, "路灯不亮", new CitizenContact("赵六", "13900001111", null, true, false), clerk, FixedClock.Default);
            r.AssignDeputies([Data.RongshiDeputyIds[0]], null, clerk, FixedClock.Default);
            r.Refer(Data.HeatingDepartmentId, new DateOnly(2026, 12, 1), null, clerk, FixedClock.Default);
            db.CitizenRequests.Add(r);
            var day = Domain.Receptions.ReceptionDay.Plan(Data.RongshiStationId, new DateOnly(2026, 11, 25), Domain.Receptions.ReceptionDayType.Reception, null, null, null, [Data.RongshiDeputyIds[0]], FixedClock.Default);
            db.ReceptionDays.Add(day);
            var duty = Domain.Receptions.ReceptionDay.RecordPast(null, Data.RongshiStationId, new DateOnly(2026, 11, 10), Domain.Receptions.ReceptionDayType.DutyReport, null, [Data.RongshiDeputyIds[0]], 30, FixedClock.Default);
            db.ReceptionDays.Add(duty);
            // The canary: a request of 荣市 assigned to no deputy and referred to no department, cited by the
            // suggestion that the deputy leads and the department handles. Those two, and clerk2, must never see it.
            var canary = CitizenRequest.Register(CanaryNumber, "MATRIXCANARY0001", Data.RongshiStationId, null, RequestChannel.WalkIn, Data.HeatingCategoryId, CanarySummary, new CitizenContact("钱哨兵", "13912345678", null, true, false), clerk, FixedClock.Default);
            db.CitizenRequests.Add(canary);
            await db.SaveChangesAsync();
            var suggestion = Domain.Suggestions.Suggestion.Draft(Data.RongshiDeputyIds[0], "关于老旧小区供暖改造的建议", "正文", null, Domain.Suggestions.SuggestionOccasion.BetweenSessions, null, clerk, FixedClock.Default);
            suggestion.LinkRequest(canary.Id, clerk, FixedClock.Default);
            suggestion.Submit("2026-JY-0900", clerk, FixedClock.Default);
            suggestion.Accept(clerk, FixedClock.Default);
            suggestion.Assign(Data.HeatingDepartmentId, [], new DateOnly(2027, 2, 20), clerk, FixedClock.Default);
            db.Suggestions.Add(suggestion);
            var rongshi = await db.Stations.SingleAsync(s => s.Id == Data.RongshiStationId);
            var consultation = Domain.Consultations.LegislativeConsultation.Open(rongshi, "《哈尔滨市供热条例（草案）》", null, new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31));
            db.LegislativeConsultations.Add(consultation);
            var honour = Domain.Deputies.StarDeputy.Nominate(Data.RongshiDeputyIds[0], 2026, "matrix", FixedClock.Default);
            db.StarDeputies.Add(honour);

            // The citizens' booking and voting forms need a day that takes bookings and an open vote.
            var bookable = Domain.Receptions.ReceptionDay.Plan(Data.RongshiStationId, new DateOnly(2026, 11, 26), Domain.Receptions.ReceptionDayType.Reception, null, null, null, [], FixedClock.Default);
            bookable.OfferAppointments(20, FixedClock.Default);
            db.ReceptionDays.Add(bookable);
            var nominated = Domain.Stations.StationStarRating.Nominate(Data.NanmaluStationId, 2026, 2, "matrix", FixedClock.Default);
            nominated.PassInitialReview();
            db.StationStarRatings.Add(nominated);
            await db.SaveChangesAsync();
            var vote = Domain.Voting.VotingRound.Open(Domain.Voting.HonourKind.StationStars, 2026, "矩阵投票", new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 30), [nominated.Id], clerk, FixedClock.Default);
            db.VotingRounds.Add(vote);
            // The account the user-administration handlers act on: a clerk of 荣市 that no session uses.
            var target = AccountProvisioning.AddDirect(db, "matrix-target", "目标账号", AppRoles.StationClerk, TestData.Password, FixedClock.Default, stationId: Data.RongshiStationId);
            // An account whose password an administrator set: until it is changed, nothing but the change form is served.
            AccountProvisioning.AddDirect(db, MustChangeUser, "待改密码", AppRoles.CityStaff, TestData.Password, FixedClock.Default, u => u.MustChangePassword = true);
            await db.SaveChangesAsync();
            RequestId = r.Id;
            ReceptionDayId = day.Id;
            BookableDayId = bookable.Id;
            VotingRoundId = vote.Id;
            HonourId = honour.Id;
            DutyDayId = duty.Id;
            ConsultationId = consultation.Id;
            SuggestionId = suggestion.Id;
            TargetUserId = target.Id;
        }

        /// <summary>The URL of a table key's route with the ids of this fixture (荣市's records) filled in.</summary>
        public string Url(string route)
        {
            var (path, query) = route.Contains('?', StringComparison.Ordinal) ? (route[..route.IndexOf('?', StringComparison.Ordinal)], route[route.IndexOf('?', StringComparison.Ordinal)..]) : (route, string.Empty);
            var id = path switch
            {
                "/Stations/Details" or "/Stations/Edit" or "/Stations/Close" or "/Stations/Standards" => "/" + Data.RongshiStationId,
                "/Requests/Details" => "/" + RequestId,
                "/Requests/Act" => $"/{RequestId}/Supervise",
                "/Requests/Print" => $"/{RequestId}/slip",
                "/Suggestions/Details" => "/" + SuggestionId,
                "/Suggestions/Act" => $"/{SuggestionId}/Reply",
                "/ReceptionDays/Votes" => "/" + DutyDayId,
                "/Consultations/Details" => "/" + ConsultationId,
                "/Deputies/Details" or "/Deputies/Assignment" or "/Deputies/Archive" => "/" + Data.RongshiDeputyIds[0],
                "/ReceptionDays/Details" or "/ReceptionDays/Hold" or "/ReceptionDays/Cancel" => "/" + ReceptionDayId,
                "/Admin/Users/Edit" => "/" + TargetUserId,
                "/Status" => "/400",
                _ => string.Empty,
            };
            path = path.EndsWith("/Index", StringComparison.Ordinal) ? path[..^"/Index".Length] : path;
            path = path switch
            {
                "/Public/Station" => "/public/stations/ST-RS",
                "/Public/Calendar" => "/public/stations/ST-RS/calendar.ics",
                "/Public/Poster" => "/public/stations/ST-RS/poster",
                "/Public/Submit" => "/public/submit?station=ST-RS",
                "/Public/Submitted" => "/public/submitted",
                "/Public/Track" => "/public/track",
                "/Public/Privacy" => "/public/privacy",
                "/Public/Challenge" => "/public/challenge",
                "/Public/Book" => $"/public/days/{BookableDayId}/book",
                "/Public/Booked" => "/public/booked",
                "/Public/CancelBooking" => "/public/appointments/cancel",
                "/Public/Votes" => "/public/votes",
                "/Public/Vote" => $"/public/votes/{VotingRoundId}",
                _ => path,
            };
            path = path.Replace("{documentName}", "v1", StringComparison.Ordinal);
            if (path.Length == 0)
            {
                path = "/";
            }

            var extra = path switch
            {
                "/Stations/Areas" => "?district=230103",
                "/Registers" => "?station=" + Data.RongshiStationId,
                "/Deputies/Stars" => "?honourId=" + HonourId,
                "/Requests/Register" => "?station=" + Data.RongshiStationId + "&summary=" + Uri.EscapeDataString("路灯不亮了"),
                _ => string.Empty,
            };
            if (query.Length > 0 && extra.Length > 0)
            {
                query += "&" + extra[1..];
            }

            return path + id + (query.Length > 0 ? query : extra);
        }
    }

    /// <summary>Every page handler (from the page models) and every other endpoint (from the app's endpoint metadata).</summary>
    internal static List<string> Discover(IServiceProvider services)
    {
        var keys = new List<string>();
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints;
        var pages = endpoints
            .Select(e => e.Metadata.GetMetadata<PageActionDescriptor>())
            .Where(p => p is not null)
            .Select(p => p!.ViewEnginePath)
            .Distinct()
            .ToList();
        var models = typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        foreach (var page in pages)
        {
            var typeName = "LiaisonStations.Web.Pages" + page.Replace('/', '.') + "Model";
            var model = models.SingleOrDefault(t => t.FullName == typeName);
            Assert.True(model is not null, $"page {page} has no page model {typeName}");
            // Handlers declared on the model or on a base class of it (not PageModel's own methods).
            foreach (var method in model!.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.DeclaringType != typeof(PageModel) && typeof(PageModel).IsAssignableFrom(m.DeclaringType)))
            {
                var match = HandlerName().Match(method.Name);
                if (match.Success)
                {
                    var handler = match.Groups[2].Value;
                    keys.Add($"{match.Groups[1].Value.ToUpperInvariant()} {page}{(handler.Length > 0 ? "?handler=" + handler : string.Empty)}");
                }
            }
        }

        foreach (var endpoint in endpoints.OfType<RouteEndpoint>().Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null))
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            keys.AddRange(methods.Select(m => $"{m} /{endpoint.RoutePattern.RawText!.TrimStart('/')}"));
        }

        return keys.Distinct().Order().ToList();
    }

    [Fact]
    public void Every_page_handler_and_endpoint_is_in_the_table()
    {
        var discovered = Discover(fixture.Factory.Services);

        Assert.Empty(discovered.Except(Table.Keys));
        Assert.Empty(Table.Keys.Except(discovered));
    }

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var key in Table.Keys)
        {
            foreach (var role in Roles)
            {
                data.Add(key, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_role_gets_what_the_table_says(string key, string role)
    {
        var expected = Table[key][Array.IndexOf(Roles, role)];
        // Signing out ends a session, so that case gets a session of its own.
        var session = key.Contains("Logout", StringComparison.Ordinal) && role != "anonymous" ? await fixture.SignedInAsync(role) : await fixture.SessionAsync(role);
        var (verb, rest) = (key.Split(' ')[0], key.Split(' ')[1]);
        var url = fixture.Url(rest);

        HttpResponseMessage response;
        if (verb == "GET")
        {
            response = await session.Client.GetAsync(url);
        }
        else
        {
            var token = role == "anonymous"
                ? (await session.GetAsync("/Account/Login")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!
                : await session.AntiforgeryTokenAsync();
            using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
            response = await session.Client.PostAsync(url, content);
        }

        using (response)
        {
            var location = response.Headers.Location?.OriginalString ?? string.Empty;
            var actual = response.StatusCode switch
            {
                HttpStatusCode.Forbidden => Expect.Denied,
                HttpStatusCode.NotFound => Expect.NotFound,
                HttpStatusCode.Redirect when location.Contains("/Account/Login?ReturnUrl=", StringComparison.Ordinal) => Expect.Login,
                HttpStatusCode.Unauthorized when url.StartsWith("/api/", StringComparison.Ordinal) => Expect.Login,
                _ => Expect.Allowed,
            };
            Assert.True(expected == actual, $"{key} as {role}: expected {expected}, got {(int)response.StatusCode} {location}");

            // A page served to someone outside the canary's scope never shows it, in HTML, JSON, CSV or a workbook.
            if (actual == Expect.Allowed && CannotSeeCanary.Contains(role))
            {
                var text = await BodyTextAsync(response);
                Assert.False(text.Contains(CanaryNumber, StringComparison.Ordinal) || text.Contains(CanarySummary, StringComparison.Ordinal), $"{key} as {role} shows the out-of-scope request {CanaryNumber}");
            }

            // Every page, whoever asks, carries the security headers and no inline script.
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
                Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
                var html = await response.Content.ReadAsStringAsync();
                Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
            }
        }
    }

    public static TheoryData<string> Keys()
    {
        var data = new TheoryData<string>();
        foreach (var key in Table.Keys)
        {
            data.Add(key);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task An_account_that_must_change_its_password_gets_nothing_else(string key)
    {
        var session = await fixture.SessionAsync(MustChangeUser);
        var (verb, rest) = (key.Split(' ')[0], key.Split(' ')[1]);
        var url = fixture.Url(rest);
        if (ServedBeforePasswordChange.Any(p => url.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        HttpResponseMessage response;
        if (verb == "GET")
        {
            response = await session.Client.GetAsync(url);
        }
        else
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await session.AntiforgeryTokenAsync() });
            response = await session.Client.PostAsync(url, content);
        }

        using (response)
        {
            var location = response.Headers.Location?.OriginalString ?? string.Empty;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // The sign-in rate limit answered first: refused all the same.
                return;
            }

            if (url.StartsWith("/api/", StringComparison.Ordinal))
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{key}: expected 403, got {(int)response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect && location.EndsWith("/Account/ChangePassword", StringComparison.Ordinal), $"{key}: expected the change form, got {(int)response.StatusCode} {location}");
            }
        }
    }

    /// <summary>The text of a response: HTML, JSON and CSV as they are; an XLSX workbook's shared strings and sheets.</summary>
    private static async Task<string> BodyTextAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (bytes.Length > 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K')
        {
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
            var parts = new List<string>();
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(entry.Open());
                parts.Add(await reader.ReadToEndAsync());
            }

            return string.Join('\n', parts);
        }

        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    [GeneratedRegex("^On(Get|Post)(\\w*?)(Async)?$")]
    private static partial Regex HandlerName();
}
