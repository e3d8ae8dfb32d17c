using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SessionApp.Web.Pages;

/// <summary>Tells assistive technology which fields are in error: <c>aria-invalid="true"</c>, or no attribute at all.</summary>
public static class FieldState
{
    public static string? AriaInvalid(ModelStateDictionary modelState, string key)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        return modelState.GetFieldValidationState(key) == ModelValidationState.Invalid ? "true" : null;
    }
}
