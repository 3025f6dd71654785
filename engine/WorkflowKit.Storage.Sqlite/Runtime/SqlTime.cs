using System.Globalization;

namespace WorkflowKit.Storage.Sqlite.Runtime;

/// <summary>UTC instants as sortable ISO 8601 text, the form every runtime time column uses.</summary>
internal static class SqlTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>
    /// Writes <paramref name="value"/> in <see cref="Format"/>. For a UTC <see cref="DateTime"/> the round-trip
    /// format "O" writes the same text, and .NET writes it without parsing a format string.
    /// </summary>
    public static string Write(DateTimeOffset value) =>
        value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static string? Write(DateTimeOffset? value) => value is { } set ? Write(set) : null;

    public static DateTimeOffset Read(string value) =>
        DateTimeOffset.ParseExact(value, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static DateTimeOffset? ReadOptional(string? value) => value is null ? null : Read(value);
}
