namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>A parsed GitHub Actions expression: what stands between <c>${{</c> and <c>}}</c>, or a bare <c>if:</c>.</summary>
internal abstract record ExpressionNode
{
    /// <summary>The status functions: an <c>if:</c> that calls none of them is evaluated as <c>success() &amp;&amp; (…)</c>.</summary>
    public static readonly IReadOnlySet<string> StatusFunctions = new HashSet<string>(["success", "failure", "cancelled", "always"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a status function is called anywhere in this expression.</summary>
    public bool CallsStatusFunction => DescendantsAndSelf().OfType<Call>().Any(call => StatusFunctions.Contains(call.Function));

    /// <summary>This node and every node inside it.</summary>
    public IEnumerable<ExpressionNode> DescendantsAndSelf()
    {
        yield return this;
        var children = this switch
        {
            Call call => call.Arguments,
            Not not => [not.Operand],
            Binary binary => [binary.Left, binary.Right],
            Property property => [property.Target],
            _ => Array.Empty<ExpressionNode>(),
        };
        foreach (var node in children.SelectMany(c => c.DescendantsAndSelf()))
        {
            yield return node;
        }
    }

    /// <summary>A string, number, boolean or null literal.</summary>
    public sealed record Literal(object? Value) : ExpressionNode;

    /// <summary>A context by name: <c>github</c>, <c>inputs</c>, <c>steps</c>, ….</summary>
    public sealed record Context(string Name) : ExpressionNode;

    /// <summary>Property access with a dot: <c>Target.Name</c> (names may hold hyphens: <c>inputs.image-tag</c>).</summary>
    public sealed record Property(ExpressionNode Target, string Name) : ExpressionNode;

    public sealed record Not(ExpressionNode Operand) : ExpressionNode;

    /// <summary><c>==</c>, <c>!=</c>, <c>&amp;&amp;</c> or <c>||</c>.</summary>
    public sealed record Binary(string Operator, ExpressionNode Left, ExpressionNode Right) : ExpressionNode;

    public sealed record Call(string Function, IReadOnlyList<ExpressionNode> Arguments) : ExpressionNode;

    /// <summary>A context or property path as written (<c>steps.ecr.outputs.registry</c>), for messages.</summary>
    public string Path => this switch
    {
        Context context => context.Name,
        Property property => $"{property.Target.Path}.{property.Name}",
        _ => "(…)",
    };
}
