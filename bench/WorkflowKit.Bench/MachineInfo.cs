using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace WorkflowKit.Bench;

/// <summary>The machine a run measured on: cores, memory, disk, and the load average around the run.</summary>
public static class MachineInfo
{
    /// <summary>The 1-, 5- and 15-minute load averages from /proc/loadavg, or null where it does not exist.</summary>
    public static string? LoadAverage()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path))
        {
            return null;
        }

        var parts = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', parts.Take(3));
    }

    public static JsonObject Describe(BenchOptions options, TimeProvider time)
    {
        var drive = new DriveInfo(Path.GetFullPath(options.WorkDirectory));
        return new JsonObject
        {
            ["cores"] = Environment.ProcessorCount,
            ["memoryBytes"] = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
            ["diskFreeBytes"] = drive.AvailableFreeSpace,
            ["diskTotalBytes"] = drive.TotalSize,
            ["workDirectory"] = Path.GetFullPath(options.WorkDirectory),
            ["os"] = RuntimeInformation.OSDescription,
            ["runtime"] = RuntimeInformation.FrameworkDescription,
            ["date"] = time.GetUtcNow().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            ["mode"] = options.Quick ? "quick" : "full",
            ["sqliteSynchronous"] = options.SqliteSynchronous.ToString().ToUpperInvariant(),
            ["groupCommitMaxAgeMs"] = options.SqliteDatabase.GroupCommit.MaxAge.TotalMilliseconds,
            ["loadAverageAtStart"] = LoadAverage(),
        };
    }
}
