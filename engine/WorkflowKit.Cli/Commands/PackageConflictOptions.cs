using System.CommandLine;
using WorkflowKit.Definitions.Store;

namespace WorkflowKit.Cli.Commands;

/// <summary>
/// The <c>import</c> options that decide about definitions whose newer versions the package did not publish, such as
/// flows a process owner changed in the designer, and the message printed when the import rejects them.
/// </summary>
internal sealed class PackageConflictOptions
{
    public Option<string?> Replace { get; } = new("--replace")
    {
        Description = "Comma-separated definitions to publish from the package over their newer versions, each as " +
            "KEY or KIND:KEY (such as flow:credit-review).",
    };

    public Option<bool> ReplaceAll { get; } = new("--replace-all")
    {
        Description = "Publish the package's content over every definition that has a newer version.",
    };

    public Option<bool> KeepNewer { get; } = new("--keep-newer")
    {
        Description = "Keep the newer version of each definition that --replace does not name, and import the rest.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Replace);
        command.Options.Add(ReplaceAll);
        command.Options.Add(KeepNewer);
    }

    public PackageImportOptions Read(ParseResult parsed)
    {
        var names = (parsed.GetValue(Replace) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new PackageImportOptions
        {
            Replace = names.ToHashSet(StringComparer.Ordinal),
            ReplaceAll = parsed.GetValue(ReplaceAll),
            KeepNewer = parsed.GetValue(KeepNewer),
        };
    }

    /// <summary>Formats the error for an import rejected because of <paramref name="rejected"/>'s conflicts.</summary>
    public static IEnumerable<string> Describe(PackageConflictException rejected)
    {
        yield return $"error: package {rejected.PackageKey} was not imported, and nothing was written, because " +
            $"{rejected.Conflicts.Count} definition(s) have newer versions that the package did not publish:";
        foreach (var conflict in rejected.Conflicts)
        {
            yield return $"  {conflict.Describe()}";
        }

        var names = string.Join(',', rejected.Conflicts.Select(conflict => $"{conflict.Kind}:{conflict.Key}"));
        yield return $"To publish the package's content over them, run the import again with --replace {names} " +
            "(or --replace-all). To keep them and import the rest of the package, add --keep-newer.";
    }
}
