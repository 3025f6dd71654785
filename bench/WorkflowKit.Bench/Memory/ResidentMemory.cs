using System.Globalization;

namespace WorkflowKit.Bench.Memory;

/// <summary>
/// The process's resident memory by kind, from the <c>RssAnon</c>, <c>RssFile</c> and <c>RssShmem</c> lines of
/// Linux's <c>/proc/self/status</c>, in bytes. Anonymous memory is what the process allocated (the GC heap, the C
/// allocator's heap and arenas, thread stacks). File-backed memory is mapped files (the runtime, assemblies and
/// native libraries, SQLite's <c>-shm</c> index): the kernel drops and refaults those pages as the whole machine
/// needs memory, so they move with other processes' load. Shared memory is chiefly .NET's double-mapped code
/// (the JIT's output, a <c>memfd</c> mapping while W^X is on).
/// </summary>
public readonly record struct ResidentMemory(long Anonymous, long File, long Shared)
{
    private const string StatusPath = "/proc/self/status";

    /// <summary>Reads the current figures; all three are -1 where <c>/proc/self/status</c> does not exist.</summary>
    public static ResidentMemory Read()
    {
        if (!OperatingSystem.IsLinux())
        {
            return new ResidentMemory(-1, -1, -1);
        }

        long anonymous = -1, file = -1, shared = -1;
        foreach (var line in System.IO.File.ReadLines(StatusPath))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anonymous = ParseKilobytes(line);
            }
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
            {
                file = ParseKilobytes(line);
            }
            else if (line.StartsWith("RssShmem:", StringComparison.Ordinal))
            {
                shared = ParseKilobytes(line);
            }
        }

        return new ResidentMemory(anonymous, file, shared);
    }

    /// <summary>Parses a line such as <c>RssAnon:   53032 kB</c> into bytes.</summary>
    private static long ParseKilobytes(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
    }
}
