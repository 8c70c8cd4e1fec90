using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// The resource localizer with every string it has found remembered per UI culture. A page asks for a hundred
/// strings or more, and ResourceManager takes a lock on each lookup that falls back from zh-CN to the neutral
/// resources: under load the pages queued on that lock. The texts are compiled into the assembly, so what was
/// found once never changes.
/// </summary>
public sealed class CachedStringLocalizerFactory(ResourceManagerStringLocalizerFactory inner) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<(Type?, string?, string?), IStringLocalizer> _localizers = new();

    public IStringLocalizer Create(Type resourceSource) =>
        _localizers.GetOrAdd((resourceSource, null, null), _ => new CachedStringLocalizer(inner.Create(resourceSource)));

    public IStringLocalizer Create(string baseName, string location) =>
        _localizers.GetOrAdd((null, baseName, location), _ => new CachedStringLocalizer(inner.Create(baseName, location)));
}

/// <inheritdoc cref="CachedStringLocalizerFactory"/>
public sealed class CachedStringLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, LocalizedString>> _byCulture = new(StringComparer.Ordinal);

    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var table = _byCulture.GetOrAdd(CultureInfo.CurrentUICulture.Name, static _ => new ConcurrentDictionary<string, LocalizedString>(StringComparer.Ordinal));
            return table.TryGetValue(name, out var found) ? found : table.GetOrAdd(name, inner[name]);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
}
