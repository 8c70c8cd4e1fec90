using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Infrastructure.Security;
using LiaisonStations.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace LiaisonStations.Web.Infrastructure.Caching;

/// <summary>An area as the filters and forms list it.</summary>
public sealed record AreaOption(int Id, string Code, string Name, AreaLevel Level, string Path);

/// <summary>A request category with both its names.</summary>
public sealed record CategoryOption(int Id, string Name, string? EnglishName)
{
    /// <summary>The name in the reader's language (the Chinese one where no English name was given).</summary>
    public string Label => Fmt.English && EnglishName != null ? EnglishName : Name;
}

/// <summary>A station as the filters list it.</summary>
public sealed record StationOption(int Id, string Name, StationKind Kind, StationStatus Status, string AreaPath);

/// <summary>A department as the filters list it.</summary>
public sealed record DepartmentOption(int Id, string Code, string Name, bool IsActive);

/// <summary>
/// The short reference lists every list page's filters show (the city and its districts, request categories,
/// departments), read once and kept in memory: they change a few times a year, and reading them on every page
/// was a third of a list page's database round trips. A change saved on this instance drops them at once
/// (<see cref="DataChanges"/>); another instance's change shows here within <see cref="Lifetime"/>. Callers apply
/// the user's scope to what they get.
/// </summary>
public sealed class ReferenceData(IMemoryCache memory, IServiceScopeFactory scopes)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private long _generation;

    /// <summary>Counts up with every business change committed on this instance; part of every cache key that must follow them.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public Task<IReadOnlyList<AreaOption>> CityAndDistrictsAsync(CancellationToken ct) =>
        GetAsync("districts", db => db.Areas.AsNoTracking()
            .Where(a => a.Level == AreaLevel.District || a.Level == AreaLevel.City)
            .OrderBy(a => a.Level).ThenBy(a => a.Code)
            .Select(a => new AreaOption(a.Id, a.Code, a.Name, a.Level, a.Path)), ct);

    /// <summary>The districts alone (the public pages' district filter).</summary>
    public async Task<IReadOnlyList<AreaOption>> DistrictsAsync(CancellationToken ct) =>
        (await CityAndDistrictsAsync(ct)).Where(a => a.Level == AreaLevel.District).ToList();

    public Task<IReadOnlyList<CategoryOption>> CategoriesAsync(CancellationToken ct) =>
        GetAsync("categories", db => db.RequestCategories.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new CategoryOption(c.Id, c.Name, c.EnglishName)), ct);

    public Task<IReadOnlyList<DepartmentOption>> DepartmentsAsync(CancellationToken ct) =>
        GetAsync("departments", db => db.Departments.AsNoTracking().OrderBy(d => d.Code)
            .Select(d => new DepartmentOption(d.Id, d.Code, d.Name, d.IsActive)), ct);

    /// <summary>Every station and point, in area order (the station filters), before the user's scope.</summary>
    public Task<IReadOnlyList<StationOption>> StationsAsync(CancellationToken ct) =>
        GetAsync("stations", db => db.Stations.AsNoTracking().OrderBy(s => s.AreaPath).ThenBy(s => s.Kind).ThenBy(s => s.Name)
            .Select(s => new StationOption(s.Id, s.Name, s.Kind, s.Status, s.AreaPath)), ct);

    /// <summary>The stations the user may see, by the same rule as <see cref="Scope.VisibleTo(IQueryable{Station}, CurrentUser)"/>.</summary>
    public async Task<IReadOnlyList<StationOption>> StationsVisibleToAsync(CurrentUser user, CancellationToken ct)
    {
        var all = await StationsAsync(ct);
        if (user.SeesEverything)
        {
            return all;
        }

        if (user.IsDistrictStaff)
        {
            return all.Where(s => user.DistrictContains(s.AreaPath)).ToList();
        }

        return user.IsClerk || user.IsDeputy ? all.Where(s => user.StationIds.Contains(s.Id)).ToList() : [];
    }

    /// <summary>Business data changed on this instance: the next reader reads again.</summary>
    public void Changed() => Interlocked.Increment(ref _generation);

    private async Task<IReadOnlyList<T>> GetAsync<T>(string name, Func<AppDbContext, IQueryable<T>> query, CancellationToken ct)
    {
        var key = (name, Interlocked.Read(ref _generation));
        if (memory.TryGetValue(key, out IReadOnlyList<T>? cached) && cached is not null)
        {
            return cached;
        }

        // Its own context: the list outlives the request that happened to read it first.
        await using var scope = scopes.CreateAsyncScope();
        var rows = await query(scope.ServiceProvider.GetRequiredService<AppDbContext>()).ToListAsync(ct);
        memory.Set(key, (IReadOnlyList<T>)rows.AsReadOnly(), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = rows.Count + 1 });
        return rows;
    }
}
