using Microsoft.AspNetCore.Mvc.ModelBinding;
using SessionApp.Web.Api;

namespace SessionApp.Web.Pages;

/// <summary>Puts an API problem's field errors into a page's model state, next to the fields they are about.</summary>
public static class ApiErrors
{
    /// <summary>
    /// Adds each field error under <c>{prefix}.{Field}</c> when the form has such a field, else as a form-wide error;
    /// a problem without field errors adds its message as a form-wide error.
    /// </summary>
    public static void AddTo(ModelStateDictionary modelState, ApiProblem problem, string prefix, IReadOnlyCollection<string> fields, string fallback)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(fields);
        if (problem.Errors.Count == 0)
        {
            modelState.AddModelError(string.Empty, problem.Message(fallback));
            return;
        }

        foreach (var (name, messages) in problem.Errors)
        {
            var field = fields.FirstOrDefault(candidate => string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase));
            var key = field is null ? string.Empty : prefix + "." + field;
            foreach (var message in messages)
            {
                modelState.AddModelError(key, message);
            }
        }
    }
}
