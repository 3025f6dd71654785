using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Runtime.Audit;

namespace WorkflowKit.Storage.Sqlite.Runtime;

/// <summary>
/// Stores a run of consecutive engine lines (actor <c>system</c>, no form snapshot) of one insert as one
/// <c>wk_audit</c> row, and reads such a row back as its lines. A step writes most of its lines as the engine
/// (node entered and completed, task created), and each row adds an entry at the right edge of
/// <c>ix_wk_audit_instance</c>. SQLite rebalances an index leaf that overflows at its right edge with its two
/// left siblings, so seven entries per commit cost 2.2 WAL frames per commit on that index alone (measured by the
/// bench's counting pass, docs/benchmarks.md).
/// </summary>
/// <remarks>
/// A run of n lines takes the ids <c>id - n + 1</c> to <c>id</c> of its row: the insert gives its rows explicit
/// ids that leave those gaps, and AUTOINCREMENT never hands out an id below the largest one inserted. So the lines
/// read back keep their order and get unique ids, as separate rows would. The run's row has the actor
/// <c>system</c>, so the participation query and the partial actor index leave it out as they leave out the lines.
/// </remarks>
internal static class AuditRuns
{
    /// <summary>The action of a row that contains a run of engine lines. No line that the engine writes has it.</summary>
    public const string Action = "system.lines";

    /// <summary>The actor of the engine's own lines.</summary>
    public const string SystemActor = "system";

    /// <summary>
    /// Groups <paramref name="entries"/> into rows in their order: each run of two or more engine lines of one
    /// instance becomes one row, every other line a row of its own.
    /// </summary>
    public static List<List<AuditEntry>> Group(IEnumerable<AuditEntry> entries)
    {
        var rows = new List<List<AuditEntry>>();
        foreach (var entry in entries)
        {
            if (rows.Count > 0 && Packs(entry) && rows[^1] is var last && Packs(last[^1])
                && last[^1].InstanceId == entry.InstanceId)
            {
                last.Add(entry);
            }
            else
            {
                rows.Add([entry]);
            }
        }

        return rows;
    }

    /// <summary>The <c>details_json</c> text of a run's row: one object per line, in order.</summary>
    public static string Write(IReadOnlyList<AuditEntry> run)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * run.Count);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var entry in run)
            {
                writer.WriteStartObject();
                writer.WriteString("action", entry.Action);
                if (entry.At != run[0].At)
                {
                    writer.WriteString("at", SqlTime.Write(entry.At));
                }

                WriteOptional(writer, "nodeId", entry.NodeId);
                WriteOptional(writer, "taskId", entry.TaskId);
                WriteOptional(writer, "comment", entry.Comment);
                if (entry.Details is { } details)
                {
                    writer.WritePropertyName("details");
                    details.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The lines of a run's row, with the ids the insert left for them.</summary>
    public static IEnumerable<AuditEntry> Read(AuditRow row)
    {
        var lines = JsonNode.Parse(row.DetailsJson ?? "[]") as JsonArray
            ?? throw new InvalidDataException(
                $"wk_audit row {row.Id} has action '{Action}' but its details_json is not a JSON array of lines.");
        var at = SqlTime.Read(row.At);
        var firstId = row.Id - lines.Count + 1;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i] as JsonObject
                ?? throw new InvalidDataException($"wk_audit row {row.Id} has a line {i} that is not a JSON object.");
            var details = line["details"] as JsonObject;
            line.Remove("details");
            yield return new AuditEntry(
                firstId + i, row.InstanceId,
                line["at"] is { } lineAt ? SqlTime.Read(lineAt.GetValue<string>()) : at,
                row.Actor,
                line["action"]?.GetValue<string>() ?? string.Empty,
                line["nodeId"]?.GetValue<string>(),
                line["taskId"]?.GetValue<string>(),
                line["comment"]?.GetValue<string>(),
                null,
                details);
        }
    }

    private static bool Packs(AuditEntry entry) => entry.Actor == SystemActor && entry.FormSnapshot is null;

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
