using System.Globalization;

namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// Evaluates a parsed expression with GitHub's semantics: <c>&amp;&amp;</c> and <c>||</c> return an operand's value
/// (the first falsy one, the first truthy one), null, false, 0, NaN and the empty string are falsy, <c>==</c> compares
/// strings ignoring case and values of different types as numbers (null and '' are 0, so <c>null == ''</c>), and a
/// property of null is null. Functions other than the status functions are not known and fail the rehearsal.
/// </summary>
internal static class ExpressionEvaluator
{
    public static object? Evaluate(ExpressionNode node, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(scope);
        return node switch
        {
            ExpressionNode.Literal literal => literal.Value,
            ExpressionNode.Context context => scope.Context(context.Name),
            ExpressionNode.Property property => Evaluate(property.Target, scope) is ContextObject target ? target.Get(property.Name) : null,
            ExpressionNode.Not not => !IsTruthy(Evaluate(not.Operand, scope)),
            ExpressionNode.Binary { Operator: "&&" } and => Evaluate(and.Left, scope) is var left && !IsTruthy(left) ? left : Evaluate(and.Right, scope),
            ExpressionNode.Binary { Operator: "||" } or => Evaluate(or.Left, scope) is var first && IsTruthy(first) ? first : Evaluate(or.Right, scope),
            ExpressionNode.Binary { Operator: "==" } equal => LooseEquals(Evaluate(equal.Left, scope), Evaluate(equal.Right, scope)),
            ExpressionNode.Binary { Operator: "!=" } notEqual => !LooseEquals(Evaluate(notEqual.Left, scope), Evaluate(notEqual.Right, scope)),
            ExpressionNode.Call call => CallStatusFunction(call, scope),
            _ => throw new WorkflowRehearsalException($"The rehearsal's expression evaluator does not know the expression {node}."),
        };
    }

    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        _ => true,
    };

    public static bool LooseEquals(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (string l, string r) => string.Equals(l, r, StringComparison.OrdinalIgnoreCase),
        (bool l, bool r) => l == r,
        (ContextObject l, ContextObject r) => ReferenceEquals(l, r),
        _ => ToNumber(left) == ToNumber(right),
    };

    /// <summary>The value as text where it is substituted into a string (null is empty, booleans are lower case).</summary>
    public static string ToText(object? value, string expression) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => throw new WorkflowRehearsalException($"'{expression}' is an object; the rehearsal does not turn objects into text."),
    };

    private static double ToNumber(object? value) => value switch
    {
        null => 0,
        bool b => b ? 1 : 0,
        double d => d,
        string s when s.Trim().Length == 0 => 0,
        string s when s.Trim().StartsWith("0x", StringComparison.OrdinalIgnoreCase) =>
            long.TryParse(s.Trim().AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) ? hex : double.NaN,
        string s => double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : double.NaN,
        _ => double.NaN,
    };

    private static bool CallStatusFunction(ExpressionNode.Call call, ExpressionScope scope)
    {
        if (!ExpressionNode.StatusFunctions.Contains(call.Function))
        {
            throw new WorkflowRehearsalException($"The rehearsal's expression evaluator does not know the function '{call.Function}()'.");
        }

        if (call.Arguments.Count > 0)
        {
            throw new WorkflowRehearsalException($"The status function '{call.Function}()' takes no arguments.");
        }

        var function = call.Function;
        return Is(function, "success") ? scope.Succeeded
            : Is(function, "failure") ? scope.Failed
            : !Is(function, "cancelled");

        static bool Is(string function, string name) => string.Equals(function, name, StringComparison.OrdinalIgnoreCase);
    }
}
