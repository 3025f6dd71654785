using System.CommandLine;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Definitions.Validation;

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

    /// <summary>
    /// Throws a <see cref="UsageException"/> when a <c>--replace</c> name matches none of the package's forms, flows
    /// and views, because a mistyped name would otherwise replace nothing and the import would stop on the conflict
    /// it was meant to decide. A package that does not validate is left to the import, which reports its errors.
    /// </summary>
    public async Task RequireKnownNamesAsync(ParseResult parsed, string folder, CancellationToken cancellationToken)
    {
        var names = Read(parsed).Replace;
        if (names.Count == 0)
        {
            return;
        }

        var report = await DefinitionValidator.ValidatePackageAsync(folder, cancellationToken).ConfigureAwait(false);
        if (report.Package is null)
        {
            return;
        }

        var definitions = report.Documents
            .Where(document => DefinitionKinds.All.Contains(document.Kind))
            .Select(document => $"{document.Kind}:{document.Key}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var unknown = names
            .Where(name => !definitions.Contains(name, StringComparer.Ordinal)
                && !definitions.Any(definition => definition.EndsWith($":{name}", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException(
                $"--replace names {string.Join(", ", unknown.Select(name => $"\"{name}\""))}, which package " +
                $"{report.Package.Key} does not contain. Its definitions are {string.Join(", ", definitions)}; " +
                "name them as KIND:KEY or KEY.");
        }
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
