using System.Runtime.InteropServices;

namespace WorkflowKit.Bench.Memory;

/// <summary>
/// Totals of the C allocator (glibc's <c>malloc</c>, which SQLite and the runtime's native code use), from
/// <c>mallinfo2</c> (glibc 2.33 and later), in bytes: <paramref name="System"/> is what the allocator took from
/// the kernel for its arenas (all of them, not only the main one), <paramref name="InUse"/> the blocks the program
/// holds, <paramref name="Free"/> the freed blocks the arenas keep for reuse and <paramref name="Mapped"/> the
/// large blocks served by <c>mmap</c>. Free space that keeps growing while <paramref name="InUse"/> stays flat is
/// fragmentation of the arenas, not a leak.
/// </summary>
public readonly record struct NativeHeap(long System, long InUse, long Free, long Mapped)
{
    /// <summary>All four are -1 where glibc's <c>mallinfo2</c> is not available (other C libraries and systems).</summary>
    public static readonly NativeHeap Unavailable = new(-1, -1, -1, -1);

    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>Reads the allocator's totals. glibc locks each arena briefly to add them up.</summary>
    public static NativeHeap Read()
    {
        if (_unavailable)
        {
            return Unavailable;
        }

        try
        {
            var info = MallInfo2();
            return new NativeHeap(
                (long)info.Arena, (long)info.InUseBytes, (long)info.FreeBytes, (long)info.MappedBytes);
        }
        catch (Exception failure) when (failure is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return Unavailable;
        }
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallocInfo MallInfo2();

    /// <summary>
    /// glibc's <c>struct mallinfo2</c>: ten <c>size_t</c> fields, in glibc's order <c>arena</c>, <c>ordblks</c>,
    /// <c>smblks</c>, <c>hblks</c>, <c>hblkhd</c>, <c>usmblks</c>, <c>fsmblks</c>, <c>uordblks</c>, <c>fordblks</c>
    /// and <c>keepcost</c>.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct MallocInfo
    {
        public readonly nuint Arena;
        public readonly nuint FreeChunks;
        public readonly nuint FastBinBlocks;
        public readonly nuint MappedBlocks;
        public readonly nuint MappedBytes;
        public readonly nuint MaxAllocated;
        public readonly nuint FastBinFreeBytes;
        public readonly nuint InUseBytes;
        public readonly nuint FreeBytes;
        public readonly nuint TopReleasable;
    }
}
