using System.Reflection;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// Glue for FluentValidation: page handlers copy failures into ModelState under the bound property's prefix, with
/// our own localized messages. Validators are registered by FluentValidation's DI extensions (AppComposition).
/// </summary>
public static class Validation
{
    /// <summary>Validates and copies failures into ModelState; returns whether the input is valid.</summary>
    public static async Task<bool> ValidateIntoAsync<T>(
        this IValidator<T> validator,
        T model,
        ModelStateDictionary modelState,
        string prefix,
        CancellationToken ct)
    {
        var result = await validator.ValidateAsync(model, ct);
        result.AddTo(modelState, prefix);
        return result.IsValid && modelState.IsValid;
    }

    public static void AddTo(this ValidationResult result, ModelStateDictionary modelState, string prefix)
    {
        foreach (var failure in result.Errors)
        {
            var key = string.IsNullOrEmpty(failure.PropertyName) ? prefix : $"{prefix}.{failure.PropertyName}";
            modelState.AddModelError(key, failure.ErrorMessage);
        }
    }

    /// <summary>
    /// FluentValidation's built-in messages replaced by ours (resource keys FluentValidation.*), so the
    /// Chinese reads naturally ("请填写“名称”。" rather than "'名称' 不能为Null。").
    /// </summary>
    public static void UseOwnMessages()
    {
        if (ValidatorOptions.Global.LanguageManager is not FluentValidation.Resources.LanguageManager languages)
        {
            return;
        }

        var resources = new System.Resources.ResourceManager("LiaisonStations.Web.Resources.SharedResource", typeof(Validation).Assembly);
        var neutral = resources.GetResourceSet(System.Globalization.CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        foreach (System.Collections.DictionaryEntry entry in neutral)
        {
            if (entry.Key is string key && key.StartsWith("FluentValidation.", StringComparison.Ordinal))
            {
                var validator = key["FluentValidation.".Length..];
                foreach (var culture in Localization.SupportedCultures)
                {
                    var text = resources.GetString(key, new System.Globalization.CultureInfo(culture))!;
                    languages.AddTranslation(culture, validator, text);
                }

                languages.AddTranslation("zh", validator, resources.GetString(key, System.Globalization.CultureInfo.InvariantCulture)!);
            }
        }
    }

    /// <summary>Property names in FluentValidation messages come from the [Display] key, localized.</summary>
    public static void UseLocalizedDisplayNames(Func<string, string> localize)
    {
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member?.GetCustomAttribute<System.ComponentModel.DataAnnotations.DisplayAttribute>()?.Name is { } key
                ? localize(key)
                : null;
    }
}
