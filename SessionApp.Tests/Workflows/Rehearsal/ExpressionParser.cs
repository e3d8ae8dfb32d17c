using System.Globalization;

namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// Parses the part of GitHub's expression syntax the workflows use: literals ('single-quoted' strings with '' for a
/// quote, numbers, true, false, null), contexts with dotted property access (hyphens allowed in names), <c>!</c>,
/// <c>==</c>, <c>!=</c>, <c>&amp;&amp;</c>, <c>||</c> (GitHub's precedence, loosest last), parentheses and function
/// calls. Anything else (<c>&lt;</c>, <c>[…]</c>, <c>*</c>, double quotes, …) throws <see cref="WorkflowRehearsalException"/>
/// naming it.
/// </summary>
internal sealed class ExpressionParser
{
    private readonly string _text;
    private int _position;

    private ExpressionParser(string text) => _text = text;

    public static ExpressionNode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new ExpressionParser(text);
        var node = parser.ParseOr();
        parser.SkipSpace();
        if (parser._position < text.Length)
        {
            throw parser.Unknown($"'{text[parser._position..]}'");
        }

        return node;
    }

    private ExpressionNode ParseOr()
    {
        var left = ParseAnd();
        while (Accept("||"))
        {
            left = new ExpressionNode.Binary("||", left, ParseAnd());
        }

        return left;
    }

    private ExpressionNode ParseAnd()
    {
        var left = ParseEquality();
        while (Accept("&&"))
        {
            left = new ExpressionNode.Binary("&&", left, ParseEquality());
        }

        return left;
    }

    private ExpressionNode ParseEquality()
    {
        var left = ParseUnary();
        while (true)
        {
            if (Accept("=="))
            {
                left = new ExpressionNode.Binary("==", left, ParseUnary());
            }
            else if (Accept("!="))
            {
                left = new ExpressionNode.Binary("!=", left, ParseUnary());
            }
            else if (Peek() is '<' or '>')
            {
                throw Unknown($"the operator '{Peek()}'");
            }
            else
            {
                return left;
            }
        }
    }

    private ExpressionNode ParseUnary() => Accept("!") ? new ExpressionNode.Not(ParseUnary()) : ParsePropertyAccess();

    private ExpressionNode ParsePropertyAccess()
    {
        var node = ParsePrimary();
        while (true)
        {
            if (Accept("."))
            {
                node = new ExpressionNode.Property(node, ReadName() ?? throw Unknown("a '.' without a property name"));
            }
            else if (Peek() == '[')
            {
                throw Unknown("index access '[…]'");
            }
            else
            {
                return node;
            }
        }
    }

    private ExpressionNode ParsePrimary()
    {
        SkipSpace();
        var next = Peek();
        if (Accept("("))
        {
            var inner = ParseOr();
            return Accept(")") ? inner : throw Unknown("a '(' without its ')'");
        }

        if (next == '\'')
        {
            return new ExpressionNode.Literal(ReadString());
        }

        if (next is not null && (char.IsAsciiDigit(next.Value) || next is '-' or '+' or '.'))
        {
            return new ExpressionNode.Literal(ReadNumber());
        }

        var name = ReadName() ?? throw Unknown(next is null ? "an expression that ends too early" : $"'{next}'");
        if (Accept("("))
        {
            return new ExpressionNode.Call(name, ReadArguments());
        }

        return name switch
        {
            "true" => new ExpressionNode.Literal(true),
            "false" => new ExpressionNode.Literal(false),
            "null" => new ExpressionNode.Literal(null),
            _ => new ExpressionNode.Context(name),
        };
    }

    private List<ExpressionNode> ReadArguments()
    {
        var arguments = new List<ExpressionNode>();
        if (Accept(")"))
        {
            return arguments;
        }

        do
        {
            arguments.Add(ParseOr());
        }
        while (Accept(","));

        return Accept(")") ? arguments : throw Unknown("a function call without its ')'");
    }

    private string ReadString()
    {
        var value = new System.Text.StringBuilder();
        _position++;
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c != '\'')
            {
                value.Append(c);
            }
            else if (_position < _text.Length && _text[_position] == '\'')
            {
                value.Append('\'');
                _position++;
            }
            else
            {
                return value.ToString();
            }
        }

        throw Unknown("a string without its closing quote");
    }

    private double ReadNumber()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '.' or '+' or '-'))
        {
            _position++;
        }

        var token = _text[start.._position];
        if (token.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(token.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }

        return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Unknown($"the number '{token}'");
    }

    private string? ReadName()
    {
        SkipSpace();
        var start = _position;
        if (_position >= _text.Length || !(char.IsAsciiLetter(_text[_position]) || _text[_position] == '_'))
        {
            return null;
        }

        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '_' or '-'))
        {
            _position++;
        }

        return _text[start.._position];
    }

    private bool Accept(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _position, token, 0, token.Length) != 0)
        {
            return false;
        }

        // '!' is not the start of '!=', nor '=' of '=='.
        if (token == "!" && _position + 1 < _text.Length && _text[_position + 1] == '=')
        {
            return false;
        }

        _position += token.Length;
        return true;
    }

    private char? Peek()
    {
        SkipSpace();
        return _position < _text.Length ? _text[_position] : null;
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private WorkflowRehearsalException Unknown(string what) =>
        new($"The rehearsal's expression evaluator does not know {what} in '{_text.Trim()}'.");
}
