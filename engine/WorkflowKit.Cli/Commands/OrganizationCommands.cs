using System.CommandLine;
using System.Text.Json;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Definitions.Validation;
using WorkflowKit.Organization;

namespace WorkflowKit.Cli.Commands;

/// <summary>
/// The <c>org</c> commands: <c>import</c> loads departments, users and roles from an <see cref="OrganizationFile"/>
/// into the organisation directory that record imports, assignee rules and data permissions read.
/// </summary>
public static class OrganizationCommands
{
    public static void AddTo(RootCommand root, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(context);
        var organization = new Command("org", "Load the organisation: departments, users and roles.");
        organization.Subcommands.Add(Import(context));
        root.Subcommands.Add(organization);
    }

    private static Command Import(CliContext context)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "JSON file with \"departments\", \"users\" and optional \"roles\", in the format of " +
                          "samples/data/users.json.",
        };
        var db = new Option<string>("--db")
        {
            Description = "SQLite database file (created when missing) or PostgreSQL connection string; migrated.",
            Required = true,
        };
        var package = new Option<string?>("--package")
        {
            Description = "Template package folder (or its package.json) whose \"roles\" are saved with the file's, " +
                          "such as definitions/templates/biopharma for samples/data/users.json.",
        };
        var command = new Command(
            "import",
            "Create or replace the file's departments, users and roles. The file is checked first, so a file with " +
            "errors imports nothing. Exit code 0 on success, 1 for an invalid file, 2 on usage errors.")
        {
            file, db, package,
        };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(context, () =>
            ImportAsync(context, parsed.GetValue(file)!, parsed.GetValue(db)!, parsed.GetValue(package),
                cancellationToken)));
        return command;
    }

    private static async Task<int> ImportAsync(
        CliContext context, string path, string db, string? package, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new UsageException(
                $"File \"{path}\" does not exist. Pass a JSON organisation file such as samples/data/users.json.");
        }

        var packageRoles = package is null ? [] : await ReadPackageRolesAsync(package, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            var file = await OrganizationFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            file = file with
            {
                Roles = [.. packageRoles.Where(role => file.Roles.All(own => own.Key != role.Key)), .. file.Roles],
            };
            var stores = await DatabaseFactory.OpenStoresAsync(db, context.TimeProvider, cancellationToken)
                .ConfigureAwait(false);
            var undefinedRoles = await file.SaveAsync(stores.Organization, cancellationToken).ConfigureAwait(false);
            foreach (var (role, user) in undefinedRoles)
            {
                await context.Error.WriteLineAsync(
                    $"warning: role \"{role}\" (held by user \"{user}\") is not defined in this database. Rules " +
                    "match it by key, but it has no display name: pass --package with the template package that " +
                    $"declares it, or add it under \"roles\" in {file.FileName}.").ConfigureAwait(false);
            }

            await context.Output.WriteLineAsync(
                $"Imported {file.Departments.Count} department(s), {file.Users.Count} user(s) and " +
                $"{file.Roles.Count} role(s) from {file.FileName} into the organisation directory.")
                .ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (InvalidDataException invalid)
        {
            await context.Error.WriteLineAsync($"error: {invalid.Message}").ConfigureAwait(false);
            return ExitCodes.Problems;
        }
    }

    /// <summary>Reads the roles that a template package's manifest declares.</summary>
    private static async Task<IReadOnlyList<RoleDefinition>> ReadPackageRolesAsync(
        string package, CancellationToken cancellationToken)
    {
        var manifest = Path.GetFileName(package) == DefinitionValidator.ManifestFileName
            ? package
            : Path.Combine(package, DefinitionValidator.ManifestFileName);
        if (!File.Exists(manifest))
        {
            throw new UsageException(
                $"--package: \"{manifest}\" does not exist. Pass a template package folder such as " +
                "definitions/templates/biopharma.");
        }

        try
        {
            var json = await File.ReadAllTextAsync(manifest, cancellationToken).ConfigureAwait(false);
            return DefinitionJson.Deserialize<PackageManifest>(json).Roles ?? [];
        }
        catch (JsonException invalid)
        {
            throw new UsageException(
                $"--package: \"{manifest}\" is not a valid package manifest: {invalid.Message} Check it with " +
                $"\"workflowkit validate {package}\".");
        }
    }
}
