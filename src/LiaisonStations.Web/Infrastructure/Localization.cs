using System.Globalization;
using LiaisonStations.Domain.Common;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LiaisonStations.Web.Infrastructure;

public static class Localization
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static readonly string[] SupportedCultures = [Chinese, English];

    public static IServiceCollection AddAppLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory, CachedStringLocalizerFactory>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Chinese);
            o.AddSupportedCultures(SupportedCultures);
            o.AddSupportedUICultures(SupportedCultures);
            o.FallBackToParentUICultures = true;
            // Chinese unless the user switched: the browser's Accept-Language is deliberately not consulted,
            // because office PCs are often set up in English while their users work in Chinese.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
            ];
        });
        services.AddSingleton<IConfigureOptions<MvcOptions>, LocalizedModelBindingMessages>();
        return services;
    }

    public static string Enum<TEnum>(this IStringLocalizer localizer, TEnum value)
        where TEnum : struct, System.Enum =>
        localizer[$"Enum.{typeof(TEnum).Name}.{value}"];

    /// <summary>Why a file could not be read as a table, in the user's language.</summary>
    public static string Reason(this IStringLocalizer localizer, TableFormatException e) => localizer[e.ReasonKey, [.. e.Arguments]];

    /// <summary>The user's message for a refused business rule, with its arguments (enums localized).</summary>
    public static string Rule(this IStringLocalizer localizer, DomainRuleException e)
    {
        var args = e.Arguments.Select(a => a switch
        {
            System.Enum en => (object)localizer[$"Enum.{en.GetType().Name}.{en}"].Value,
            DateOnly d => Fmt.Date(d),
            _ => a,
        }).ToArray();
        var template = localizer[$"Rule.{e.Rule}"];
        return template.ResourceNotFound
            ? string.Format(CultureInfo.CurrentCulture, localizer["Rule.Generic"], e.Rule)
            : string.Format(CultureInfo.CurrentCulture, template.Value, args);
    }

    private sealed class LocalizedModelBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
    {
        public void Configure(MvcOptions options)
        {
            var l = factory.Create(typeof(SharedResource));
            var m = options.ModelBindingMessageProvider;
            m.SetAttemptedValueIsInvalidAccessor((value, field) => l["Binding.ValueInvalid", value, l[field]]);
            m.SetMissingBindRequiredValueAccessor(field => l["Binding.Required", l[field]]);
            m.SetMissingKeyOrValueAccessor(() => l["Binding.ValueRequired"]);
            m.SetMissingRequestBodyRequiredValueAccessor(() => l["Binding.BodyRequired"]);
            m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["Binding.ValueInvalidNoField", value]);
            m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Binding.ValueInvalidUnknown"]);
            m.SetUnknownValueIsInvalidAccessor(field => l["Binding.UnknownValueInvalid", l[field]]);
            m.SetValueIsInvalidAccessor(value => l["Binding.ValueInvalidNoField", value]);
            m.SetValueMustBeANumberAccessor(field => l["Binding.MustBeNumber", l[field]]);
            m.SetNonPropertyValueMustBeANumberAccessor(() => l["Binding.MustBeNumberNoField"]);
            m.SetValueMustNotBeNullAccessor(value => l["Binding.ValueRequired"]);
        }
    }
}

/// <summary>Dates and times as office staff write them, in Asia/Shanghai, whatever the server's zone.</summary>
public static class Fmt
{
    /// <summary>Whether the interface is in English (names with an English form, such as categories, show it then).</summary>
    public static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : string.Empty;

    public static string DateTime(DateTimeOffset instant) =>
        ChinaTime.ToLocal(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset? instant) => instant is { } i ? DateTime(i) : string.Empty;

    public static string Number(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A rate (fraction) as a percentage with one decimal; a dash when there was nothing to divide by.</summary>
    public static string Percent(decimal? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string OneDecimal(decimal? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "—";
}
