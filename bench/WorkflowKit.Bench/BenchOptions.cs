using System.Globalization;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Bench;

/// <summary>Command-line options of the benchmark program.</summary>
public sealed record BenchOptions(bool Quick, string? JsonPath, string? PostgresConnectionString, string WorkDirectory)
{
    /// <summary>The sections a run measures, in order.</summary>
    public static readonly IReadOnlyList<string> AllSections =
        ["ceiling", "flow", "peer", "conditions", "forms", "recordcheck", "filelinks", "scale", "http", "soak", "postgres"];

    /// <summary>Sections to run; all of them unless --only names some.</summary>
    public IReadOnlySet<string> Sections { get; init; } = new HashSet<string>(AllSections, StringComparer.Ordinal);

    /// <summary>Soak length that replaces the plan's, from --soak-seconds; null keeps the plan's.</summary>
    public TimeSpan? Soak { get; init; }

    /// <summary>SQLite's synchronous setting for every SQLite file the run writes, from --sqlite-synchronous; FULL as shipped.</summary>
    public SqliteSynchronous SqliteSynchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>Group-commit age limit from --group-commit-ms; null keeps the product's default.</summary>
    public TimeSpan? GroupCommitAge { get; init; }

    /// <summary>
    /// Folder that receives a copy of the flow section's counting database and its WAL after the counting pass,
    /// from --keep-counting-store; null keeps no copy.
    /// </summary>
    public string? KeepCountingStore { get; init; }

    /// <summary>The settings of every SQLite database the engine sections open.</summary>
    public SqliteDatabaseOptions SqliteDatabase => new()
    {
        Synchronous = SqliteSynchronous,
        GroupCommit = GroupCommitAge is { } age
            ? SqliteGroupCommitOptions.Default with { MaxAge = age }
            : SqliteGroupCommitOptions.Default,
    };

    public bool Runs(string section) => Sections.Contains(section);

    public static BenchOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var quick = false;
        string? json = null;
        string? postgres = null;
        var work = Path.Combine(Path.GetTempPath(), "workflowkit-bench");
        HashSet<string>? only = null;
        TimeSpan? soak = null;
        var synchronous = SqliteSynchronous.Full;
        TimeSpan? groupAge = null;
        string? keepCounting = null;
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
                case "--soak-seconds":
                    var text = Next(args, ref i);
                    var valid = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds);
                    soak = valid && seconds > 0
                        ? TimeSpan.FromSeconds(seconds)
                        : throw new ArgumentException(
                            $"--soak-seconds expects a whole number of seconds above 0, got '{text}'.");
                    break;
                case "--sqlite-synchronous":
                    var setting = Next(args, ref i);
                    synchronous = setting switch
                    {
                        "full" => SqliteSynchronous.Full,
                        "normal" => SqliteSynchronous.Normal,
                        _ => throw new ArgumentException(
                            $"--sqlite-synchronous expects 'full' (the product's default) or 'normal', got '{setting}'."),
                    };
                    break;
                case "--group-commit-ms":
                    var ageText = Next(args, ref i);
                    groupAge = double.TryParse(ageText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ms) && ms > 0
                        ? TimeSpan.FromMilliseconds(ms)
                        : throw new ArgumentException(
                            $"--group-commit-ms expects milliseconds above 0, such as 2 or 0.5, got '{ageText}'.");
                    break;
                case "--keep-counting-store":
                    keepCounting = Next(args, ref i);
                    break;
                default:
                    throw new ArgumentException(string.Format(
                        CultureInfo.InvariantCulture,
                        "Unknown option '{0}'. Options: --quick, --json FILE, --postgres CONNECTION, --work-dir DIR, " +
                        "--only SECTION[,SECTION...], --soak-seconds SECONDS, --sqlite-synchronous full|normal, --group-commit-ms MS, " +
                        "--keep-counting-store DIR.",
                        args[i]));
            }
        }

        var options = new BenchOptions(quick, json, postgres, work) {
            Soak = soak,
            SqliteSynchronous = synchronous,
            GroupCommitAge = groupAge,
            KeepCountingStore = keepCounting,
        };
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
