using System.Text.RegularExpressions;

namespace WorkflowKit.Definitions.Json;

/// <summary>
/// Rewrites .NET type names in messages that people read (such as <c>'System.Int32'</c> from System.CommandLine or
/// System.Text.Json) into plain words such as "a whole number". Types of this project's model become "a JSON object".
/// </summary>
public static partial class ValueTypeWording
{
    /// <summary>Returns the plain words for a .NET type, such as "a whole number" for <see cref="int"/>.</summary>
    public static string Describe(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Describe((Nullable.GetUnderlyingType(type) ?? type).FullName ?? type.Name);
    }

    /// <summary>
    /// Returns <paramref name="message"/> with every .NET type name (optionally quoted or nullable) replaced by plain
    /// words. A message without one is returned unchanged.
    /// </summary>
    public static string Rewrite(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var expected = ExpectedType().Replace(message, match => ": expected " + Describe(match.Groups["type"].Value));
        // A project type here is a request or model record whose member at the reported path has another type.
        var converted = ConvertedType().Replace(expected, match =>
            match.Groups["type"].Value.StartsWith("WorkflowKit.", StringComparison.Ordinal)
                ? "has the wrong type"
                : "is not " + Describe(match.Groups["type"].Value));
        converted = BindFailure().Replace(converted, match =>
            $"The value \"{match.Groups["value"].Value}\" of parameter '{match.Groups["name"].Value}' is not " +
            $"{Describe(match.Groups["type"].Value)}.");
        return TypeName().Replace(converted, match => Describe(match.Groups["type"].Value));
    }

    /// <summary>
    /// Returns the plain words for a .NET type by its full name as messages write it, such as <c>System.Int32</c>,
    /// <c>int?</c> or <c>Nullable&lt;int&gt;</c>.
    /// </summary>
    public static string Describe(string fullName) => Unwrap(fullName) switch
    {
        "byte" or "sbyte" or "short" or "ushort" or "int" or "uint" or "long" or "ulong" => "a whole number",
        "decimal" or "double" or "float" => "a number",
        "bool" => "true or false",
        "string" => "text",
        "System.Byte" or "System.SByte" or "System.Int16" or "System.UInt16" or "System.Int32" or "System.UInt32"
            or "System.Int64" or "System.UInt64" => "a whole number",
        "System.Decimal" or "System.Double" or "System.Single" => "a number",
        "System.Boolean" => "true or false",
        "System.DateOnly" => "a date such as 2024-03-05",
        "System.DateTime" or "System.DateTimeOffset" => "a date and time such as 2024-03-05T14:30:00+08:00",
        "System.TimeSpan" => "a duration such as 02:30:00",
        "System.Guid" => "an id such as 3f2b8c1e-0d4a-4c6e-9a57-2b1d8e6f4c90",
        "System.String" => "text",
        "System.Text.Json.Nodes.JsonObject" => "a JSON object",
        "System.Text.Json.Nodes.JsonArray" => "a JSON array",
        _ when fullName.EndsWith("[]", StringComparison.Ordinal) || fullName.Contains("List`1", StringComparison.Ordinal)
            => "a list",
        _ when fullName.Contains("Dictionary`2", StringComparison.Ordinal)
            || fullName.StartsWith("WorkflowKit.", StringComparison.Ordinal) => "a JSON object",
        _ => "a value of another kind",
    };

    private static string Unwrap(string name)
    {
        var type = name.TrimEnd('?');
        return type.StartsWith("Nullable<", StringComparison.Ordinal) && type.EndsWith('>') ? type[9..^1] : type;
    }

    private const string QuotedType =
        @"'?(?:System\.Nullable`1\[(?<type>System(?:\.\w+)+)\]|(?<type>(?:System|WorkflowKit)(?:[.+]\w+)+(?:`\d+\[[^\]]*\]+)?(?:\[\])?))'?";

    // System.CommandLine: "Cannot parse argument 'x' for option '--n' as expected type 'System.Int32'."
    [GeneratedRegex(@"\s*as expected type " + QuotedType)]
    private static partial Regex ExpectedType();

    // System.Text.Json: "The JSON value could not be converted to System.Int32. Path: $.n"
    [GeneratedRegex(@"could not be converted to " + QuotedType)]
    private static partial Regex ConvertedType();

    // ASP.NET Core minimal APIs: Failed to bind parameter "Nullable<int> limit" from "abc".
    [GeneratedRegex("Failed to bind parameter \"(?<type>[\\w.?<>]+) (?<name>\\w+)\" from \"(?<value>[^\"]*)\"\\.")]
    private static partial Regex BindFailure();

    [GeneratedRegex(QuotedType)]
    private static partial Regex TypeName();
}
