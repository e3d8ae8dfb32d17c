using System.Globalization;
using System.Text;

namespace SessionApp.Aws.Stack;

/// <summary>Turns a resource name (<c>api</c>, <c>my-web</c>) into a CloudFormation logical id part (<c>Api</c>, <c>MyWeb</c>).</summary>
internal static class LogicalName
{
    public static string Of(string name)
    {
        var result = new StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            result.Append(upper ? char.ToUpper(c, CultureInfo.InvariantCulture) : c);
            upper = false;
        }

        return result.ToString();
    }
}
