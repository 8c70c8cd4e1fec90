using LiaisonStations.Web.Infrastructure;

// Subcommands (migrate, seed, schema-sql, ...) share the application's composition; see Infrastructure/Commands.cs.
var (command, hostArgs) = Commands.Split(args);

var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddAppLogging();
builder.Services.AddLiaisonStations(builder.Configuration, builder.Environment);

var app = builder.Build();
await using var localDatabase = await LocalDatabase.StartIfNoConnectionStringAsync(app);

if (command is not null)
{
    return await Commands.RunAsync(app, command, CancellationToken.None);
}

if (LiaisonStations.Web.Infrastructure.Security.KeyRing.Refusal(app.Configuration, app.Environment) is { } refusal)
{
    app.Logger.LogCritical("Not starting: {Reason}", refusal);
    return 1;
}

app.UseLiaisonStations();
await app.PrepareDatabaseAsync(CancellationToken.None);
await app.RunAsync();
return 0;

/// <summary>Entry point type, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
