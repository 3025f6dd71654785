using System.Globalization;

namespace WorkflowKit.Bench;

/// <summary>Command-line options of the benchmark program.</summary>
public sealed record BenchOptions(bool Quick, string? JsonPath, string? PostgresConnectionString, string WorkDirectory)
{
    public static BenchOptions Parse(string[] args)
    {
        var quick = false;
        string? json = null;
        string? postgres = null;
        var work = Path.Combine(Path.GetTempPath(), "workflowkit-bench");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--skip-flow":
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--json":
                    json = Next(args, ref i);
                    break;
                case "--postgres":
                    postgres = Next(args, ref i);
                    break;
                case "--work-dir":
                    work = Next(args, ref i);
                    break;
                default:
                    throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                        "Unknown option '{0}'. Options: --quick, --json FILE, --postgres CONNECTION, --work-dir DIR.",
                        args[i]));
            }
        }

        return new BenchOptions(quick, json, postgres, work);
    }

    private static string Next(string[] args, ref int i)
    {
        if (i + 1 >= args.Length)
        {
            throw new ArgumentException($"Option '{args[i]}' needs a value.");
        }

        return args[++i];
    }
}
