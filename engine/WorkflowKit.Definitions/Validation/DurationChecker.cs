using System.Text.RegularExpressions;
using WorkflowKit.Definitions.Diagnostics;

namespace WorkflowKit.Definitions.Validation;

/// <summary>Checks ISO 8601 durations such as "P2D", "PT4H" or "P1DT12H".</summary>
internal static partial class DurationChecker
{
    public static void Check(CheckContext context, string? duration, string pointer)
    {
        if (duration is null || IsValid(duration))
        {
            return;
        }

        context.Error(
            DiagnosticCodes.InvalidDuration, pointer,
            $"\"{duration}\" is not an ISO 8601 duration. Write it like \"P2D\" (2 days), \"PT4H\" (4 hours), " +
            "\"PT30M\" (30 minutes) or \"P1DT12H\".");
    }

    public static bool IsValid(string duration) =>
        Iso8601().IsMatch(duration) && duration != "P" && !duration.EndsWith('T');

    [GeneratedRegex(@"^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")]
    private static partial Regex Iso8601();
}
