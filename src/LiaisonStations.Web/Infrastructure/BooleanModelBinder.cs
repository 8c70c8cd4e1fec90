using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// Binds checkboxes (bool, bool?) so that a posted value that is no boolean ("0", "&lt;b&gt;", "2026-02-30") is
/// an error on the field, never a crash. The stock binder keeps the raw text, and the checkbox tag helper, when
/// the form is shown again, converts it to bool and throws a FormatException (a 500). Here the raw text is
/// not kept: the box is shown from the model and the message says what was wrong.
/// </summary>
public sealed class BooleanModelBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var posted = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (posted == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        // A ticked checkbox posts "true" and then its hidden "false": the first value is the box.
        var text = posted.FirstValue?.Trim();
        var nullable = Nullable.GetUnderlyingType(bindingContext.ModelType) is not null;
        if (bool.TryParse(text, out var value))
        {
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, posted);
            bindingContext.Result = ModelBindingResult.Success(value);
            return Task.CompletedTask;
        }

        if (string.IsNullOrEmpty(text) && nullable)
        {
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, posted);
            bindingContext.Result = ModelBindingResult.Success(null);
            return Task.CompletedTask;
        }

        var shown = text is { Length: > 40 } ? text[..40] + "…" : text ?? string.Empty;
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, rawValue: null, attemptedValue: shown);
        bindingContext.ModelState.TryAddModelError(
            bindingContext.ModelName,
            bindingContext.ModelMetadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(shown, bindingContext.ModelMetadata.GetDisplayName()));
        bindingContext.Result = ModelBindingResult.Failed();
        return Task.CompletedTask;
    }
}

/// <summary>Puts <see cref="BooleanModelBinder"/> in front of the stock binders for bool and bool?.</summary>
public sealed class BooleanModelBinderProvider : IModelBinderProvider
{
    private static readonly BooleanModelBinder Binder = new();

    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.ModelType == typeof(bool) || context.Metadata.ModelType == typeof(bool?) ? Binder : null;
}
