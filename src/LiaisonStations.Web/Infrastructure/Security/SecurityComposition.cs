using LiaisonStations.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace LiaisonStations.Web.Infrastructure.Security;

/// <summary>Accounts, sign-in, roles, page policies, login rate limit and the shared key ring.</summary>
public static class SecurityComposition
{

    /// <summary>Policies by what a page does; each lists the roles allowed (scope is checked by the queries).</summary>
    public static class Policies
    {
        public const string StationsRead = nameof(StationsRead);
        public const string StationsManage = nameof(StationsManage);
        public const string RequestsRead = nameof(RequestsRead);
        public const string UserAdministration = nameof(UserAdministration);
        public const string AuditRead = nameof(AuditRead);
        public const string ReceptionDaysManage = nameof(ReceptionDaysManage);
        public const string ReferenceData = nameof(ReferenceData);
        public const string CalendarAdministration = nameof(CalendarAdministration);

        public const string PartnerKeys = nameof(PartnerKeys);
        public const string Import = nameof(Import);
        public const string SuggestionsRead = nameof(SuggestionsRead);
        public const string Statistics = nameof(Statistics);
        public const string Dashboard = nameof(Dashboard);
    }

    public static IServiceCollection AddAppSecurity(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddHttpContextAccessor();
        services.AddScoped(sp => sp.GetRequiredService<IHttpContextAccessor>().HttpContext is { } context ? new CurrentUser(context.User) : CurrentUser.Anonymous);

        services
            .AddIdentityCore<AppUser>(o =>
            {
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version1;
                o.Password.RequiredLength = PasswordClassesValidator.MinimumLength;
                // Three of four classes are checked by PasswordClassesValidator instead of each class being required.
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddPasswordValidator<PasswordClassesValidator>();

        // Role and scope changes, disabling and password resets reach signed-in users within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        var insecure = environment.IsDevelopment() || configuration.GetValue("Security:AllowInsecureCookies", false);
        services
            .AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(o =>
            {
                o.Cookie.Name = "liaison.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = insecure ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                o.LoginPath = "/Account/Login";
                o.LogoutPath = "/Account/Logout";
                // Idle sign-out after 30 minutes; activity keeps the session alive.
                o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
                o.SlidingExpiration = true;
                // Sessions live on the server: signing out ends one for good, and none outlives 12 hours.
                o.Events.OnSigningIn = UserSessions.OnSigningInAsync;
                o.Events.OnValidatePrincipal = UserSessions.ValidatePrincipalAsync;
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            }));
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = insecure ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "liaison.af";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = insecure ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });

        services.AddAuthorization(o =>
        {
            // Everything needs a signed-in user unless a page is explicitly marked [AllowAnonymous].
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            o.AddPolicy(Policies.StationsRead, p => p.RequireRole(AppRoles.Administrator, AppRoles.CityStaff, AppRoles.DistrictStaff, AppRoles.StationClerk, AppRoles.Deputy));
            o.AddPolicy(Policies.StationsManage, p => p.RequireRole(AppRoles.Administrator, AppRoles.CityStaff, AppRoles.DistrictStaff));
            o.AddPolicy(Policies.RequestsRead, p => p.RequireRole(AppRoles.All));
            o.AddPolicy(Policies.UserAdministration, p => p.RequireRole(AppRoles.Administrator, AppRoles.DistrictStaff));
            o.AddPolicy(Policies.AuditRead, p => p.RequireRole(AppRoles.Administrator));
            o.AddPolicy(Policies.ReceptionDaysManage, p => p.RequireRole(AppRoles.Administrator, AppRoles.DistrictStaff, AppRoles.StationClerk));
            o.AddPolicy(Policies.ReferenceData, p => p.RequireRole(AppRoles.Administrator, AppRoles.CityStaff));
            o.AddPolicy(Policies.CalendarAdministration, p => p.RequireRole(AppRoles.Administrator));
            o.AddPolicy(Policies.PartnerKeys, p => p.RequireRole(AppRoles.Administrator));
            o.AddPolicy(Policies.Import, p => p.RequireRole(AppRoles.Administrator, AppRoles.DistrictStaff));
            o.AddPolicy(Policies.Statistics, p => p.RequireRole(AppRoles.Administrator, AppRoles.CityStaff, AppRoles.DistrictStaff));
            o.AddPolicy(Policies.Dashboard, p => p.RequireRole(AppRoles.Administrator, AppRoles.CityStaff, AppRoles.DistrictStaff, AppRoles.StationClerk));
            o.AddPolicy(Policies.SuggestionsRead, p => p.RequireRole(AppRoles.Administrator, AppRoles.CityStaff, AppRoles.Deputy, AppRoles.DepartmentLiaison));
        });

        services.AddKeyRing(configuration);

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("Security:KnownProxies").Get<string[]>() ?? [])
            {
                if (System.Net.IPAddress.TryParse(proxy, out var address))
                {
                    o.KnownProxies.Add(address);
                }
            }
        });
        return services;
    }

    /// <summary>Which roles may open which pages. Scope within a role is enforced by the queries (Scope.VisibleTo).</summary>
    public static void ConfigurePageAuthorization(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Stations", Policies.StationsRead);
        conventions.AuthorizePage("/Stations/Create", Policies.StationsManage);
        // Edit and Close take an id: whoever may not manage that station gets 404 from the scoped query
        // (ManageableBy), the same answer as for an id outside their scope.
        conventions.AuthorizePage("/Stations/Areas", Policies.StationsManage);
        conventions.AuthorizePage("/Stations/Voting", Policies.ReferenceData);
        conventions.AuthorizeFolder("/Requests", Policies.RequestsRead);
        conventions.AuthorizeFolder("/Dashboard", Policies.Dashboard);
        conventions.AuthorizeFolder("/ReceptionDays", Policies.StationsRead);
        conventions.AuthorizeFolder("/Registers", Policies.StationsRead);
        conventions.AuthorizeFolder("/Consultations", Policies.StationsRead);
        conventions.AuthorizeFolder("/Suggestions", Policies.SuggestionsRead);
        conventions.AuthorizeFolder("/Deputies", Policies.StationsRead);
        conventions.AuthorizePage("/Deputies/Assignment", Policies.StationsManage);
        conventions.AuthorizeFolder("/Departments", Policies.StationsRead);
        conventions.AuthorizePage("/Departments/Edit", Policies.ReferenceData);
        conventions.AuthorizePage("/ReceptionDays/Plan", Policies.ReceptionDaysManage);
        conventions.AuthorizePage("/ReceptionDays/Hold", Policies.ReceptionDaysManage);
        conventions.AuthorizePage("/ReceptionDays/Cancel", Policies.ReceptionDaysManage);
        conventions.AuthorizePage("/ReceptionDays/Votes", Policies.ReceptionDaysManage);
        conventions.AuthorizeFolder("/Admin/Calendar", Policies.CalendarAdministration);
        conventions.AuthorizeFolder("/Admin/Categories", Policies.CalendarAdministration);
        conventions.AuthorizeFolder("/Admin/Import", Policies.Import);
        conventions.AuthorizeFolder("/Admin/Users", Policies.UserAdministration);
        conventions.AuthorizeFolder("/Admin/Audit", Policies.AuditRead);
        conventions.AuthorizeFolder("/Admin/PartnerKeys", Policies.PartnerKeys);
        conventions.AllowAnonymousToPage("/Account/Login");
        conventions.AllowAnonymousToPage("/Error");
        conventions.AllowAnonymousToPage("/Status");
        conventions.AllowAnonymousToPage("/Bench/Bare");
        conventions.AllowAnonymousToPage("/Language");
    }
}
