using System.Text.Encodings.Web;
using System.Text.Unicode;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;
using FluentValidation;
using Serilog;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>What the application is made of and the order of its request pipeline.</summary>
public static class AppComposition
{
    /// <summary>Serilog for every log (sinks and levels from the "Serilog" section), through Serilog.AspNetCore.</summary>
    public static void AddAppLogging(this WebApplicationBuilder builder) =>
        builder.Services.AddSerilog(
            (services, logger) => logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext(),
            // The host's logger is its own (resolved from its services), not Serilog's static one: hosts never share it.
            preserveStaticLogger: true);

    public static IServiceCollection AddLiaisonStations(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddTelemetry(configuration);
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<Auditing.AuditInterceptor>();
        services.AddScoped<Auditing.AuditTrail>();
        services.AddSingleton<CalendarProvider>();
        services.AddAppSecurity(configuration, environment);

        // The JSON API's description (/openapi/v1.json); the pages are HTML and not part of it.
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "LiaisonStations API";
            document.Info.Description = "Statistics of people's-congress deputy liaison stations: stations, coverage, entry rate, reception days, requests and suggestions. Every call needs a signed-in session.";
            return Task.CompletedTask;
        }));

        // The connection string is read when the first context is created, after a local development
        // cluster may have been started (LocalDatabase) or a test has supplied its own database.
        // One data source (one pool) for everything; see DatabaseConnections for its size and timeouts.
        services.AddSingleton(sp => DatabaseConnections.Create(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<AggregateGate>();
        // The same provider settings for the writing context and the reading one; only the connection differs.
        void UsePostgres(DbContextOptionsBuilder options, Npgsql.NpgsqlDataSource dataSource)
        {
            options.UseNpgsql(dataSource, npgsql => npgsql
                .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)
                .ExecutionStrategy(dependencies => new ReadRetryStrategy(dependencies)));
            // PostgreSQL names in snake_case (EFCore.NamingConventions); row versions stay PostgreSQL's xmin.
            options.UseSnakeCaseNamingConvention();
            // A failed statement is often an expected outcome the code handles (a form sent twice meets its unique key,
            // an edit meets a newer row version): a warning, not an error. One nobody handles is still logged as an
            // error with its exception by the error page's handler.
            options.ConfigureWarnings(w => w.Log(
                (RelationalEventId.CommandError, LogLevel.Warning),
                (CoreEventId.SaveChangesFailed, LogLevel.Warning),
                (CoreEventId.OptimisticConcurrencyException, LogLevel.Warning)));
            if (environment.IsDevelopment())
            {
                options.EnableDetailedErrors();
            }
        }

        services.AddDbContextPool<AppDbContext>((sp, options) =>
        {
            UsePostgres(options, sp.GetRequiredService<Npgsql.NpgsqlDataSource>());
            options.AddInterceptors(sp.GetRequiredService<Auditing.AuditInterceptor>(), sp.GetRequiredService<Caching.DataChanges>());
        });

        // Pages that only read use ReadOnlyDb: the read replica when one is configured and up, the primary otherwise
        // and right after the user's own change (ReadConnections). Not pooled: each scope picks its connection.
        services.AddSingleton<ReadReplica>();
        services.AddHostedService<ReadReplicaMonitor>();
        services.AddScoped<ReadConnections>();
        services.AddDbContext<ReadOnlyDb>((sp, options) => UsePostgres(options, sp.GetRequiredService<ReadConnections>().DataSource));

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.Configure<HealthCheckServiceOptions>(o =>
        {
            foreach (var registration in o.Registrations)
            {
                registration.Timeout = TimeSpan.FromSeconds(5);
            }
        });

        // Chinese text goes out as UTF-8, not as &#x...; entities (markup characters stay encoded).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => o.JsonSerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));

        services.AddAppLocalization();
        services.AddValidatorsFromAssemblyContaining<SharedResource>(ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddScoped<Pages.Stations.StationLookups>();
        services.AddScoped<Pages.Stations.StationForm>();
        services.AddScoped<Pages.Public.PublicDirectory>();
        services.AddScoped<Pages.Public.VotingBallot>();
        services.Configure<Pages.Public.PublicSiteOptions>(configuration.GetSection("Public"));
        services.AddSingleton<Pages.Public.PublicFormGuard>();
        services.AddScoped<Pages.Requests.RequestHandling>();
        services.AddScoped<Lookups>();
        services.AddSingleton<RateCounters>();
        services.AddScoped<Statistics.AreaMetrics>();
        // Figures and reference lists kept in memory (see SharedMetrics and ReferenceData for how long and why).
        services.AddMemoryCache();
        services.AddHybridCache();
        // Compressed: the citizens' pages and the static files (no form tokens or other secrets in them, so HTTPS
        // compression is safe there); staff pages are left alone (BREACH).
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        // The citizens' pages are the same for every visitor: kept whole for 60 s per address and language (only for
        // visitors who are not signed in), dropped at once by a business change here (DataChanges).
        services.AddOutputCache(o => o.AddPolicy(Caching.PublicPages.CachePolicy, b => b
            .Expire(TimeSpan.FromSeconds(60))
            .Tag(Caching.PublicPages.CacheTag)
            .VaryByValue(_ => new KeyValuePair<string, string>("lang", System.Globalization.CultureInfo.CurrentUICulture.Name))));
        services.AddSingleton<Caching.ReferenceData>();
        services.AddSingleton<Caching.DataChanges>();
        services.AddSingleton<Caching.ChangeFeed>();
        services.AddSingleton<Security.SessionChecks>();
        services.AddHostedService<Caching.ChangeFeedListener>();
        services.AddScoped<Caching.ListTotals>();
        services.AddSingleton<Statistics.SharedMetrics>();
        services.AddScoped<Statistics.DashboardBuilder>();
        services.AddScoped<Notifications.Notifier>();
        services.AddScoped<Notifications.NotificationMailer>();
        services.AddScoped<Notifications.Inbox>();
        services.AddHttpClient<Notifications.SmsSender>(c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHostedService<Notifications.ReminderService>();
        services.AddScoped<Privacy.PersonalDataRetention>();
        services.AddHostedService<Privacy.PersonalDataRetentionService>();
        services.AddScoped<Pages.Suggestions.SuggestionHandling>();
        services.AddScoped<Import.RosterImport>();
        services.AddScoped<Pages.Admin.Users.UserAdministration>();
        services
            .AddRazorPages(o => SecurityComposition.ConfigurePageAuthorization(o.Conventions))
            .AddMvcOptions(o =>
            {
                // Every unsafe request needs the antiforgery token; a global filter, so that the status and error
                // pages' [IgnoreAntiforgeryToken] (they are re-executed for failed posts) is the closer policy.
                o.Filters.Add(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
                o.ModelBinderProviders.Insert(0, new BooleanModelBinderProvider());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddUploadLimits();
        return services;
    }

    public static WebApplication UseLiaisonStations(this WebApplication app)
    {
        var localizer = app.Services.GetRequiredService<IStringLocalizerFactory>().Create(typeof(SharedResource));
        Validation.UseLocalizedDisplayNames(key => localizer[key]);
        Validation.UseOwnMessages();

        if (app.Configuration.GetSection("Security:KnownProxies").Exists())
        {
            app.UseForwardedHeaders();
        }

        app.UseAppRequestLogging();
        app.MapMetrics();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        if (!app.Environment.IsDevelopment() && !app.Configuration.GetValue("Security:AllowInsecureCookies", false))
        {
            app.UseMiddleware<HttpsOnlyMiddleware>();
        }

        app.UseStatusCodePagesWithReExecute("/Status/{0}");
        app.UseRequestLocalization();
        app.UseMiddleware<DatabaseOutageMiddleware>();
        app.UseMiddleware<UploadLimitMiddleware>();
        app.UseWhen(c => Caching.PublicPages.MayCompress(c.Request.Path), branch => branch.UseResponseCompression());
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<ForcePasswordChangeMiddleware>();
        app.UseAuthorization();
        app.UseOutputCache();
        app.UseAntiforgery();

        Statistics.StatsEndpoint.MapStats(app);
        Open311.Open311Endpoints.MapOpen311(app);
        app.MapOpenApi().AllowAnonymous();
        app.MapMetricsEndpoint();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Migrates and seeds demo data at start-up when configured (Database:MigrateOnStartup, Demo:Seed).</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken ct)
    {
        var configuration = app.Configuration;
        if (configuration.GetValue("Database:MigrateOnStartup", false))
        {
            await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(configuration, ct);
        }

        if (configuration.GetValue("Demo:Seed", false))
        {
            await using var scope = app.Services.CreateAsyncScope();
            var seeder = ActivatorUtilities.CreateInstance<Data.Seeding.DemoSeeder>(scope.ServiceProvider);
            await seeder.SeedIfEmptyAsync(ct);
        }
    }
}
