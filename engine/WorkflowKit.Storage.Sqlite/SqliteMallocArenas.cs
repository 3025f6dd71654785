using System.Runtime.InteropServices;

namespace WorkflowKit.Storage.Sqlite;

/// <summary>
/// Caps and trims the glibc <c>malloc</c> arenas of a process that uses SQLite storage. glibc gives each new
/// thread an arena of its own, up to eight per core, and an arena keeps the blocks freed into it for reuse.
/// SQLite frees and allocates its page caches and statements again on whichever thread-pool thread runs a
/// transaction, so every arena ends up keeping its own share of free blocks. In the benchmark's soak
/// (bench/WorkflowKit.Bench, section <c>soak</c>) glibc's free space grew while the blocks in use stayed flat, and
/// the anonymous working set grew with it. Extra arenas give SQLite no concurrency, because SQLite takes one
/// global mutex around each allocation while it counts memory for <c>sqlite3_memory_used</c>, which the bundled
/// <c>e_sqlite3</c> does. <see cref="Trim"/> hands the free space of all arenas, including those created before
/// the cap, back to the kernel.
/// </summary>
/// <remarks>
/// glibc fixes its arena limit when a thread first needs a new arena while more than eight exist (glibc 2.36,
/// <c>arena_get2</c> in malloc/arena.c). The cap therefore takes effect only when the first database opens before
/// that, as at start-up of the designer and the CLI, and the arenas created until then stay in use. An operator's
/// <c>MALLOC_ARENA_MAX</c> environment variable takes precedence: glibc reads it at process start, and this class
/// then sets nothing.
/// </remarks>
internal static class SqliteMallocArenas
{
    /// <summary>
    /// Maximum number of arenas, the main one included, at which glibc stops creating new ones once the cap is set.
    /// Arenas created before that stay in use, so a process that already had more keeps them.
    /// </summary>
    public const int MaxArenas = 2;

    /// <summary>The environment variable with which an operator sets glibc's arena limit.</summary>
    public const string EnvironmentVariable = "MALLOC_ARENA_MAX";

    /// <summary><c>M_ARENA_MAX</c> from glibc's <c>malloc.h</c>.</summary>
    private const int ArenaMaxParameter = -8;

    private static readonly Lazy<int?> Applied = new(SetLimit);

    private static long _trims;
    private static bool _trimUnavailable = !OperatingSystem.IsLinux();

    /// <summary>
    /// The arena limit this class set, or null when it set none yet or cannot set one (see <see cref="LimitFor"/>).
    /// </summary>
    public static int? Limit => Applied.IsValueCreated ? Applied.Value : null;

    /// <summary>Sets the limit once per process; later calls do nothing.</summary>
    public static void Apply() => _ = Applied.Value;

    /// <summary>
    /// Returns the limit to set: <see cref="MaxArenas"/>, or null when the operator set
    /// <c>MALLOC_ARENA_MAX</c> to <paramref name="environmentValue"/> or the process does not run on Linux.
    /// </summary>
    public static int? LimitFor(string? environmentValue, bool isLinux) =>
        isLinux && string.IsNullOrEmpty(environmentValue) ? MaxArenas : null;

    private static int? SetLimit()
    {
        if (LimitFor(Environment.GetEnvironmentVariable(EnvironmentVariable), OperatingSystem.IsLinux()) is not { } limit)
        {
            return null;
        }

        try
        {
            // mallopt returns 1 on success and 0 when glibc rejects the value.
            return MallOpt(ArenaMaxParameter, limit) == 1 ? limit : null;
        }
        catch (Exception missing) when (missing is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without mallopt has no glibc arenas to cap.
            return null;
        }
    }

    /// <summary>Calls to <see cref="Trim"/> that reached glibc's <c>malloc_trim</c>, in this process.</summary>
    public static long Trims => Interlocked.Read(ref _trims);

    /// <summary>
    /// Hands the free pages inside every arena back to the kernel (<c>malloc_trim(0)</c>), which lowers the working
    /// set by the free space the arenas keep. The arenas stay, and a later allocation faults the pages in again.
    /// glibc locks one arena at a time meanwhile. Does nothing without glibc.
    /// </summary>
    public static void Trim()
    {
        if (Volatile.Read(ref _trimUnavailable))
        {
            return;
        }

        try
        {
            MallocTrim(0);
            Interlocked.Increment(ref _trims);
        }
        catch (Exception missing) when (missing is DllNotFoundException or EntryPointNotFoundException)
        {
            Volatile.Write(ref _trimUnavailable, true);
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
