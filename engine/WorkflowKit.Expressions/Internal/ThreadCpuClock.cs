using System.Runtime.InteropServices;

namespace WorkflowKit.Expressions.Internal;

/// <summary>
/// Processor time used by the calling thread, read from the operating system: <c>clock_gettime</c> with the
/// thread CPU clock on Linux and macOS, <c>GetThreadTimes</c> on Windows. Each read is a system call.
/// </summary>
internal static class ThreadCpuClock
{
    private const int LinuxThreadClock = 3;
    private const int MacThreadClock = 16;

    private static bool _unavailable = !Environment.Is64BitProcess
        || !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsWindows());

    /// <summary>Reads the calling thread's processor time; false where the platform does not give it.</summary>
    public static bool TryRead(out TimeSpan used)
    {
        used = TimeSpan.Zero;
        if (_unavailable)
        {
            return false;
        }

        try
        {
            if (OperatingSystem.IsWindows())
            {
                if (!GetThreadTimes(GetCurrentThread(), out _, out _, out var kernel, out var user))
                {
                    return false;
                }

                used = TimeSpan.FromTicks(kernel + user);
                return true;
            }

            if (clock_gettime(OperatingSystem.IsMacOS() ? MacThreadClock : LinuxThreadClock, out var time) != 0)
            {
                return false;
            }

            used = TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100));
            return true;
        }
        catch (Exception failure) when (failure is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    [DllImport("kernel32", EntryPoint = "GetCurrentThread")]
    private static extern IntPtr GetCurrentThread();

    [DllImport("kernel32", EntryPoint = "GetThreadTimes", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool GetThreadTimes(
        IntPtr thread, out long creation, out long exit, out long kernel, out long user);
}
