using System.Text.Json.Nodes;

namespace WorkflowKit.Expressions;

/// <summary>The values a formula reads: form fields by id and, inside a sub-table, the current row.</summary>
public sealed record FormulaContext
{
    public JsonObject Form { get; init; } = [];

    /// <summary>The current sub-table row, read by <c>row.column</c>.</summary>
    public JsonObject? Row { get; init; }

    /// <summary>The instant TODAY() is taken from; null means the engine's clock.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>The tenant time zone in which TODAY() is the current date. Default UTC.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
}
