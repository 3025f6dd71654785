using System.CommandLine;
using System.Text.Json;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Definitions.Validation;
using WorkflowKit.Organization;
using WorkflowKit.Storage;

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
            "Create or replace the file's departments, users and roles. The file and its references (departments, " +
            "managers, roles) are checked first and every problem is printed, so a file with errors imports " +
            "nothing. Exit code 0 on success, 1 for an invalid file, 2 on usage errors.")
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
        if (Directory.Exists(path))
        {
            throw new UsageException(
                $"\"{path}\" is a folder, but org import expects a JSON organisation file such as " +
                "samples/data/users.json. Pass the file's path.");
        }

        if (!File.Exists(path))
        {
            throw new UsageException(
                $"File \"{path}\" does not exist. Pass a JSON organisation file such as samples/data/users.json.");
        }

        var packageRoles = package is null ? [] : await ReadPackageRolesAsync(package, cancellationToken)
            .ConfigureAwait(false);
        OrganizationFile file;
        try
        {
            file = await OrganizationFile.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException invalid)
        {
            await context.Error.WriteLineAsync($"error: {invalid.Message}").ConfigureAwait(false);
            return ExitCodes.Problems;
        }

        file = file with
        {
            Roles = [.. packageRoles.Where(role => file.Roles.All(own => own.Key != role.Key)), .. file.Roles],
        };

        // The reference checks need the database, and the file's own problems are reported with them, so a SQLite
        // file that this command creates is deleted again when the checks fail and nothing was written to it.
        var createdFile = StorageOptions.Detect(db).Provider == StorageProvider.Sqlite && !File.Exists(db);
        var stores = await DatabaseFactory.OpenStoresAsync(db, context.TimeProvider, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            await file.SaveAsync(stores.Organization, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException invalid)
        {
            await stores.DisposeAsync().ConfigureAwait(false);
            if (createdFile)
            {
                DeleteSqliteFile(db);
            }

            await context.Error.WriteLineAsync($"error: {invalid.Message}").ConfigureAwait(false);
            return ExitCodes.Problems;
        }

        await stores.DisposeAsync().ConfigureAwait(false);
        await context.Output.WriteLineAsync(
            $"Imported {file.Departments.Count} department(s), {file.Users.Count} user(s) and " +
            $"{file.Roles.Count} role(s) from {file.FileName} into the organisation directory.")
            .ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static void DeleteSqliteFile(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
        }
    }

    /// <summary>Reads the roles that a template package's manifest declares.</summary>
    private static async Task<IReadOnlyList<RoleDefinition>> ReadPackageRolesAsync(
        string package, CancellationToken cancellationToken)
    {
        var manifest = Path.GetFileName(package) == DefinitionValidator.ManifestFileName
            ? package
            : Path.Combine(package, DefinitionValidator.ManifestFileName);
        if (File.Exists(package) && manifest != package)
        {
            throw new UsageException(
                $"--package \"{package}\" is a file, but --package expects a template package folder (or its " +
                $"{DefinitionValidator.ManifestFileName}) such as definitions/templates/biopharma. Pass the " +
                "organisation file as the FILE argument instead.");
        }

        if (!File.Exists(manifest))
        {
            throw new UsageException(
                $"--package: \"{manifest}\" does not exist. Pass a template package folder such as " +
                "definitions/templates/biopharma.");
        }

        var json = await File.ReadAllTextAsync(manifest, cancellationToken).ConfigureAwait(false);
        try
        {
            return DefinitionJson.Deserialize<PackageManifest>(json).Roles ?? [];
        }
        catch (JsonException invalid)
        {
            var description = JsonErrorDescriber.Describe(invalid, $"\"{manifest}\"", json);
            throw new UsageException(
                $"--package: {description.Message} Check the package with \"workflowkit validate {package}\".");
        }
    }
}
