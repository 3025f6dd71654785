using System.CommandLine;
using System.Globalization;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Definitions.Validation;
using WorkflowKit.Organization;
using WorkflowKit.Permissions;

namespace WorkflowKit.Cli.Commands;

/// <summary>The definition commands: validate, import, export, list and publish.</summary>
public static class DefinitionCommands
{
    private const string PackageKind = "package";

    public static void AddTo(RootCommand root, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(Validate(context));
        root.Subcommands.Add(Import(context));
        root.Subcommands.Add(Export(context));
        root.Subcommands.Add(List(context));
        root.Subcommands.Add(Publish(context));
    }

    private static Option<string> DbOption() => new("--db")
    {
        Description = "SQLite database file (created when missing) or PostgreSQL connection string; migrated.",
        Required = true,
    };

    private static Option<string> UserOption() => new("--user")
    {
        Description = "Name recorded as the publisher (default: the operating system user).",
        DefaultValueFactory = _ => Environment.UserName,
    };

    private static Option<string?> KindOption(bool allowPackage)
    {
        var option = new Option<string?>("--kind")
        {
            Description = allowPackage
                ? "Kind of KEY: form, flow, view, or package for a whole imported package; needed only when the key " +
                  "is used by several kinds."
                : "Kind of KEY: form, flow or view; needed only when the key is used by several kinds.",
        };
        option.AcceptOnlyFromAmong(allowPackage ? ["form", "flow", "view", PackageKind] : ["form", "flow", "view"]);
        return option;
    }

    private static Command Validate(CliContext context)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Definition files or folders; a folder with a package.json is validated as a package.",
            Arity = ArgumentArity.OneOrMore,
        };
        var strict = new Option<bool>("--warnings-as-errors")
        {
            Description = "Exit with 1 when there are warnings, not only errors.",
        };
        var command = new Command(
            "validate",
            "Check definitions against the format's JSON Schemas and semantic rules. Prints one line per finding as " +
            "file:line:col: severity CODE /pointer: message. Exit code 0 when clean, 1 with errors, 2 on usage errors.")
        {
            paths,
            strict,
        };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var targets = parsed.GetValue(paths)!;
            foreach (var target in targets.Where(target => !File.Exists(target) && !Directory.Exists(target)))
            {
                throw new UsageException($"Path \"{target}\" does not exist. Pass definition files or folders.");
            }

            var report = await DefinitionValidator.ValidatePathsAsync(targets, cancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in report.Diagnostics)
            {
                await context.Output.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
            }

            var errors = report.Diagnostics.Count(diagnostic => diagnostic.IsError);
            var warnings = report.Diagnostics.Count - errors;
            var files = report.Documents.Select(document => document.File)
                .Concat(report.Diagnostics.Select(diagnostic
                    => diagnostic.File)).Distinct(StringComparer.Ordinal).Count();
            await context.Output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{files} file(s) checked: {errors} error(s), {warnings} warning(s).")).ConfigureAwait(false);
            return errors > 0 || (warnings > 0 && parsed.GetValue(strict)) ? ExitCodes.Problems : ExitCodes.Success;
        }));
        return command;
    }

    // Extracts PACKAGE when it is a .zip file; null for a folder or a package.json.
    private static async Task<ExtractedPackage?> ExtractArchiveAsync(string path, CancellationToken cancellationToken)
    {
        if (!path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || !File.Exists(path))
        {
            return null;
        }

        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await PackageArchive.ExtractAsync(stream, Path.GetFileName(path), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static Command Import(CliContext context)
    {
        var package = new Argument<string>("PACKAGE")
        {
            Description = "Template package folder (the folder holding package.json), its package.json, a .zip " +
                "file of the package folder with package.json at its root or in its one top folder, or one form, " +
                "flow or view .json file, which is saved as the definition's draft.",
        };
        var db = DbOption();
        var user = UserOption();
        var publish = new Option<bool>("--publish")
        {
            Description = "For a single definition file: publish it as the next version instead of saving a draft.",
        };
        var replaceDraft = new Option<bool>("--replace-draft")
        {
            Description = "For a single definition file: replace a draft of the definition that differs from it.",
        };
        var command = new Command(
            "import",
            "Validate a template package and publish its forms, flows and views with its data permission rules and " +
            "roles in one transaction. An invalid package writes nothing; unchanged documents keep their version, a " +
            "form that already has permission rules keeps them, and a role the database already has keeps its name. " +
            "A definition whose latest version the package did not publish, such as one changed in the designer, " +
            "stops the import unless --replace, --replace-all or --keep-newer decides about it. A single form, flow " +
            "or view file is validated and saved as that definition's draft, or published with --publish.")
        {
            package,
            db,
            user,
            publish,
            replaceDraft,
        };
        var conflicts = new PackageConflictOptions();
        conflicts.AddTo(command);
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var folder = parsed.GetValue(package)!;
            if (await DefinitionFileImport.ReadKindAsync(folder, cancellationToken).ConfigureAwait(false) is { } kind)
            {
                var store = await OpenStoreAsync(context, parsed.GetValue(db)!, cancellationToken)
                    .ConfigureAwait(false);
                return await DefinitionFileImport.RunAsync(
                    context, store, folder, kind, parsed.GetValue(user)!, parsed.GetValue(publish),
                    parsed.GetValue(replaceDraft), cancellationToken).ConfigureAwait(false);
            }

            using var archive = await ExtractArchiveAsync(folder, cancellationToken).ConfigureAwait(false);
            folder = archive?.Folder ?? folder;
            if (Path.GetFileName(folder) == DefinitionValidator.ManifestFileName)
            {
                folder = Path.GetDirectoryName(folder) is { Length: > 0 } parent ? parent : ".";
            }

            if (!Directory.Exists(folder))
            {
                throw new UsageException($"Package folder \"{folder}\" does not exist. {DefinitionFileImport.Accepted}");
            }

            await conflicts.RequireKnownNamesAsync(parsed, folder, cancellationToken).ConfigureAwait(false);

            var stores = await DatabaseFactory.OpenStoresAsync(parsed.GetValue(db)!, context.TimeProvider,
                cancellationToken).ConfigureAwait(false);
            var seeder = new PackageRuleSeeder(stores.Definitions, stores.Permissions);
            IReadOnlyList<SeededRules> seeded = [];
            IReadOnlyList<string> addedRoles = [];
            IReadOnlyList<string> existingRoles = [];
            PackageImportResult result;
            try
            {
                result = await stores.Definitions.ImportPackageAsync(
                    folder, parsed.GetValue(user)!, conflicts.Read(parsed),
                    async (transaction, manifest, token) =>
                    {
                        (addedRoles, existingRoles) = await PackageRoles.AddAsync(
                            stores.Organization, manifest, transaction, token).ConfigureAwait(false);
                        seeded = await seeder.SeedAsync(manifest, transaction, token).ConfigureAwait(false);
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (DefinitionValidationException refused) when (archive is not null)
            {
                // Name each file as its entry in the archive, not by the temporary folder it was extracted to.
                var diagnostics = refused.Diagnostics
                    .Select(diagnostic => diagnostic with
                    {
                        File = $"{archive.ArchiveName}:{archive.EntryOf(diagnostic.File)}",
                    })
                    .ToList();
                throw new DefinitionValidationException($"Package archive \"{archive.ArchiveName}\"", diagnostics);
            }
            catch (PackageConflictException rejected)
            {
                foreach (var line in PackageConflictOptions.Describe(rejected))
                {
                    await context.Error.WriteLineAsync(line).ConfigureAwait(false);
                }

                return ExitCodes.Problems;
            }

            // The record store learns the package's forms now, as the designer's import does, so that records of
            // them can be written by flows started from the command line.
            await CliEngine.RegisterPublishedFormsAsync(stores, unknownOnly: false, cancellationToken).ConfigureAwait(false);
            foreach (var item in result.Published)
            {
                await context.Output.WriteLineAsync($"published {item.Kind} {item.Key} version {item.Version}")
                    .ConfigureAwait(false);
            }

            foreach (var item in result.Unchanged)
            {
                await context.Output.WriteLineAsync($"unchanged {item.Kind} {item.Key} version {item.Version}")
                    .ConfigureAwait(false);
            }

            foreach (var conflict in result.Kept)
            {
                await context.Output.WriteLineAsync(
                    $"kept {conflict.Kind} {conflict.Key} version {conflict.Version}, which the package did not publish")
                    .ConfigureAwait(false);
            }

            foreach (var rules in seeded)
            {
                await context.Output.WriteLineAsync($"stored {rules.Count} permission rule(s) of form {rules.FormKey}")
                    .ConfigureAwait(false);
            }

            foreach (var role in addedRoles)
            {
                await context.Output.WriteLineAsync($"stored role {role}").ConfigureAwait(false);
            }

            foreach (var role in existingRoles)
            {
                await context.Output.WriteLineAsync($"kept role {role}, which the database already has")
                    .ConfigureAwait(false);
            }

            await context.Output.WriteLineAsync(
                $"Imported package {result.PackageKey}: {result.Published.Count} published, " +
                $"{result.Unchanged.Count} unchanged, {KeptCount(result)}permission rules stored for {seeded.Count} form(s), " +
                $"{addedRoles.Count} role(s) stored.")
                .ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string KeptCount(PackageImportResult result) =>
        result.Kept.Count == 0 ? string.Empty : $"{result.Kept.Count} kept, ";

    private static Command Export(CliContext context)
    {
        var key = new Argument<string>("KEY") { Description = "Key of the definition (or package) to export." };
        var version = new Option<int?>("--version")
        {
            Description = "Published version number to export (default: the latest).",
        };
        var kind = KindOption(allowPackage: true);
        var db = DbOption();
        var output = new Option<string>("--out")
        {
            Description = "A .json file to write the definition to, or a folder (an existing folder, a path ending " +
                "in /, or a name without an extension) to write a package into that \"import\" reads.",
            Required = true,
        };
        var command = new Command("export",
            "Write a published definition version to a file or, as a package with the forms and flows it uses, to " +
            "a folder; or write a whole imported package to a folder.")
        {
            key,
            version,
            kind,
            db,
            output,
        };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var store = await OpenStoreAsync(context, parsed.GetValue(db)!, cancellationToken).ConfigureAwait(false);
            var target = parsed.GetValue(output)!;
            var name = parsed.GetValue(key)!;
            var chosen = parsed.GetValue(kind) ?? await ResolveKindAsync(store, name, cancellationToken)
                .ConfigureAwait(false);
            if (chosen == PackageKind)
            {
                var files = await DefinitionExporter.ExportPackageAsync(store, name, target, cancellationToken)
                    .ConfigureAwait(false);
                await context.Output.WriteLineAsync($"Exported package {name} to {target} ({files.Count} files).")
                    .ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (parsed.GetValue(version) is null)
            {
                await PublishedDefinitions.RequireNotDraftOnlyAsync(store, chosen, name, cancellationToken)
                    .ConfigureAwait(false);
            }

            if (ExportTarget.IsFolder(target))
            {
                var stores = await DatabaseFactory.OpenStoresAsync(parsed.GetValue(db)!, context.TimeProvider,
                    cancellationToken).ConfigureAwait(false);
                var roles = await stores.Organization.ListRolesAsync(cancellationToken).ConfigureAwait(false);
                var package = await DefinitionPackageExporter.ExportAsync(
                    store, chosen, name, parsed.GetValue(version), roles, target, cancellationToken)
                    .ConfigureAwait(false);
                await context.Output.WriteLineAsync(
                    $"Exported {package.Definition.Kind} {package.Definition.Key} version {package.Definition.Version} " +
                    $"as a package to {target} ({package.Files.Count} files).")
                    .ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var written = await DefinitionExporter.ExportVersionAsync(
                store, chosen, name, parsed.GetValue(version), target, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Exported {written.Kind} {written.Key} version {written.Version} " +
                $"to {target}.")
                .ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command List(CliContext context)
    {
        var db = DbOption();
        var command = new Command("list", "List definitions with their latest published version and draft revision.")
        {
            db,
        };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var store = await OpenStoreAsync(context, parsed.GetValue(db)!, cancellationToken).ConfigureAwait(false);
            var items = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"{"KIND",-6} {"KEY",-32} {"VERSION",7} {"DRAFT",5}  NAME")
                .ConfigureAwait(false);
            foreach (var item in items)
            {
                var latest = item.LatestVersion?.ToString(CultureInfo.InvariantCulture) ?? "-";
                var draft = item.DraftRevision?.ToString(CultureInfo.InvariantCulture) ?? "-";
                await context.Output.WriteLineAsync($"{item.Kind,-6} {item.Key,-32} {latest,7} {draft,5}  {item.Name}")
                    .ConfigureAwait(false);
            }

            await context.Output.WriteLineAsync($"{items.Count} definition(s).").ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Publish(CliContext context)
    {
        var key = new Argument<string>("KEY") { Description = "Key of the definition whose draft is published." };
        var kind = KindOption(allowPackage: false);
        var db = DbOption();
        var user = UserOption();
        var command = new Command(
            "publish",
            "Validate the draft of a definition and publish it as the next version; errors are printed and block it.")
        {
            key,
            kind,
            db,
            user,
        };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var store = await OpenStoreAsync(context, parsed.GetValue(db)!, cancellationToken).ConfigureAwait(false);
            var name = parsed.GetValue(key)!;
            var chosen = parsed.GetValue(kind) ?? await ResolveKindAsync(store, name, cancellationToken)
                .ConfigureAwait(false);
            if (chosen == PackageKind)
            {
                throw new UsageException($"\"{name}\" is a package; publish its definitions by importing the package.");
            }

            var version = await store.PublishAsync(chosen, name, parsed.GetValue(user)!, cancellationToken)
                .ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Published {version.Kind} {version.Key} version {version.Version}.")
                .ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task<IDefinitionStore> OpenStoreAsync(
        CliContext context, string db, CancellationToken cancellationToken)
    {
        var stores = await DatabaseFactory.OpenStoresAsync(db, context.TimeProvider, cancellationToken)
            .ConfigureAwait(false);
        return stores.Definitions;
    }

    private static async Task<string> ResolveKindAsync(IDefinitionStore store, string key,
        CancellationToken cancellationToken)
    {
        var kinds = (await store.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(item => item.Key == key).Select(item => item.Kind).ToList();
        if (kinds.Count == 1)
        {
            return kinds[0];
        }

        if (kinds.Count > 1)
        {
            throw new UsageException(
                $"Key \"{key}\" is used by several kinds ({string.Join(", ", kinds)}). Choose one with --kind.");
        }

        if (await store.GetPackageAsync(key, cancellationToken).ConfigureAwait(false) is not null)
        {
            return PackageKind;
        }

        throw new KeyNotFoundException(
            $"No definition or package with key \"{key}\" is in this database. Run \"workflowkit list\" to see the " +
            $"keys.");
    }
}
