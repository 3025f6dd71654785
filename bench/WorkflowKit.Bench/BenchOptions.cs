using System.Globalization;

namespace WorkflowKit.Bench;

/// <summary>Command-line options of the benchmark program.</summary>
public sealed record BenchOptions(bool Quick, string? JsonPath, string? PostgresConnectionString, string WorkDirectory)
{
    /// <summary>The sections a run measures, in order.</summary>
    public static readonly IReadOnlyList<string> AllSections =
        ["ceiling", "flow", "peer", "conditions", "forms", "scale", "http", "soak", "postgres"];

    /// <summary>Sections to run; all of them unless --only names some.</summary>
    public IReadOnlySet<string> Sections { get; init; } = new HashSet<string>(AllSections, StringComparer.Ordinal);

    public bool Runs(string section) => Sections.Contains(section);

    public static BenchOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var quick = false;
        string? json = null;
        string? postgres = null;
        var work = Path.Combine(Path.GetTempPath(), "workflowkit-bench");
        HashSet<string>? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
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
                case "--only":
                    only = ParseSections(Next(args, ref i));
                    break;
                default:
                    throw new ArgumentException(string.Format(
                        CultureInfo.InvariantCulture,
                        "Unknown option '{0}'. Options: --quick, --json FILE, --postgres CONNECTION, --work-dir DIR, " +
                        "--only SECTION[,SECTION...].",
                        args[i]));
            }
        }

        var options = new BenchOptions(quick, json, postgres, work);
        return only is null ? options : options with { Sections = only };
    }

    private static HashSet<string> ParseSections(string text)
    {
        var sections = new HashSet<string>(
            text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
        var unknown = sections.Where(section => !AllSections.Contains(section)).ToList();
        return unknown.Count == 0
            ? sections
            : throw new ArgumentException(
                $"Unknown section(s) '{string.Join("', '", unknown)}' in --only; sections are {string.Join(", ", AllSections)}.");
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
