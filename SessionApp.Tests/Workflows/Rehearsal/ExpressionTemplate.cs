namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// Where expressions stand in a workflow: <c>${{ … }}</c> inside any string (substituted as text, as GitHub does
/// before a <c>run:</c> script starts), and <c>if:</c> conditions, with or without <c>${{ }}</c>.
/// </summary>
internal static class ExpressionTemplate
{
    private const string Open = "${{";
    private const string Close = "}}";

    /// <summary>The text with every <c>${{ expression }}</c> replaced by its value as text.</summary>
    public static string Substitute(string text, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new System.Text.StringBuilder(text.Length);
        var position = 0;
        while (true)
        {
            var start = text.IndexOf(Open, position, StringComparison.Ordinal);
            if (start < 0)
            {
                return result.Append(text, position, text.Length - position).ToString();
            }

            var end = EndOf(text, start);
            var expression = text[(start + Open.Length)..end];
            result.Append(text, position, start - position);
            result.Append(ExpressionEvaluator.ToText(ExpressionEvaluator.Evaluate(ExpressionParser.Parse(expression), scope), expression.Trim()));
            position = end + Close.Length;
        }
    }

    /// <summary>
    /// An <c>if:</c> condition: one <c>${{ expression }}</c> or a bare expression. One that calls no status function is
    /// <c>success() &amp;&amp; (condition)</c>, as GitHub evaluates it; an absent one is <c>success()</c>.
    /// </summary>
    public static bool Condition(string? condition, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (ParseCondition(condition) is not { } node)
        {
            return scope.Succeeded;
        }

        if (!node.CallsStatusFunction)
        {
            node = new ExpressionNode.Binary("&&", new ExpressionNode.Call("success", []), node);
        }

        return ExpressionEvaluator.IsTruthy(ExpressionEvaluator.Evaluate(node, scope));
    }

    /// <summary>An <c>if:</c> condition parsed as written (null when there is none).</summary>
    public static ExpressionNode? ParseCondition(string? condition)
    {
        var expression = condition?.Trim() ?? string.Empty;
        if (expression.StartsWith(Open, StringComparison.Ordinal))
        {
            var end = EndOf(expression, 0);
            if (end + Close.Length != expression.Length)
            {
                throw new WorkflowRehearsalException($"The condition '{expression}' has text around its ${{{{ }}}}: GitHub would evaluate the whole as a string, which the rehearsal does not do.");
            }

            expression = expression[Open.Length..end];
        }
        else if (expression.Contains(Open, StringComparison.Ordinal))
        {
            throw new WorkflowRehearsalException($"The condition '{expression}' has a ${{{{ }}}} inside a bare expression; the rehearsal does not know that form.");
        }

        return expression.Trim().Length == 0 ? null : ExpressionParser.Parse(expression);
    }

    /// <summary>Every <c>${{ expression }}</c> in <paramref name="text"/>, parsed.</summary>
    public static IEnumerable<ExpressionNode> Expressions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var start = text.IndexOf(Open, StringComparison.Ordinal); start >= 0; start = text.IndexOf(Open, start + Open.Length, StringComparison.Ordinal))
        {
            yield return ExpressionParser.Parse(text[(start + Open.Length)..EndOf(text, start)]);
        }
    }

    /// <summary>Where the <c>}}</c> that closes the <c>${{</c> at <paramref name="start"/> is (one inside a string literal does not).</summary>
    private static int EndOf(string text, int start)
    {
        var inString = false;
        for (var i = start + Open.Length; i < text.Length; i++)
        {
            if (text[i] == '\'')
            {
                inString = !inString;
            }
            else if (!inString && string.CompareOrdinal(text, i, Close, 0, Close.Length) == 0)
            {
                return i;
            }
        }

        throw new WorkflowRehearsalException($"A '{Open}' without its '{Close}' in '{text}'.");
    }
}
