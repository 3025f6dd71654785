namespace WorkflowKit.Definitions.Documents;

/// <summary>Builds RFC 6901 JSON pointers such as <c>/nodes/3/assignees/0/value</c>.</summary>
public static class JsonPointers
{
    public static string Append(string pointer, string name) =>
        pointer + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Append(string pointer, int index) =>
        pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Joins segments: <c>Of("nodes", 3, "type")</c> gives <c>/nodes/3/type</c>.</summary>
    public static string Of(params object[] segments)
    {
        var pointer = string.Empty;
        foreach (var segment in segments)
        {
            pointer = segment switch
            {
                int index => Append(pointer, index),
                string name when name.StartsWith('/') => pointer + name,
                string name => Append(pointer, name),
                _ => throw new ArgumentException(
                    $"Expected pointer segments of type string or int, got '{segment}' ({segment.GetType().Name}).",
                    nameof(segments)),
            };
        }

        return pointer;
    }
}
