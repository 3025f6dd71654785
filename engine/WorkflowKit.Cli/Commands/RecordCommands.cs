using System.CommandLine;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Import;
using WorkflowKit.Runtime.Imports;

namespace WorkflowKit.Cli.Commands;

/// <summary>
/// The <c>records</c> commands: <c>import</c> a CSV or Excel file into a form's records and
/// <c>export</c> the records a user may see. The logic is <see cref="RecordsCli"/>; this file
/// parses the command line and opens the SQLite stores.
/// </summary>
public static class RecordCommands
{
    public static void AddTo(RootCommand root, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(context);
        var records = new Command("records", "Import records from CSV or Excel files and export them.");
        records.Subcommands.Add(Import(context));
        records.Subcommands.Add(Export(context));
        root.Subcommands.Add(records);
    }

    private static Option<string> DbOption() => new("--db")
    {
        Description = "SQLite database file (created when missing) or PostgreSQL connection string; migrated.",
        Required = true,
    };

    private static Argument<string> FormArgument() => new("FORM")
    {
        Description = "Key of the form whose records are imported or exported; its latest published version is used.",
    };

    private static Command Import(CliContext context)
    {
        var form = FormArgument();
        var file = new Argument<string>("FILE")
        {
            Description = "The .csv or .xlsx file to import; row 1 is the header.",
        };
        var db = DbOption();
        var mapping = new Option<string?>("--mapping")
        {
            Description = "JSON file mapping columns to fields, such as " +
                          "{\"columns\":[{\"column\":\"货号\",\"field\":\"sku\"}]}; without it, headers that equal " +
                          "a field id or label are imported.",
        };
        var skipBadRows = new Option<bool>("--skip-bad-rows")
        {
            Description = "Import the valid rows and report the others; by default one bad row imports nothing.",
        };
        var mode = new Option<string>("--mode")
        {
            Description = "insert (the default) creates a record per row; upsert updates the record that has a " +
                          "row's unique or serial number value, with only the file's columns, and creates the others.",
            DefaultValueFactory = _ => "insert",
        };
        mode.AcceptOnlyFromAmong("insert", "upsert");
        var asUser = new Option<string?>("--as")
        {
            Description = "Import as this user, with their data permissions; without it the import runs as the " +
                          "operator of the database file and records are created by \"system\".",
        };
        var command = new Command(
            "import",
            "Import rows into a form's records with the form's validation rules. Prints the rejected rows and a " +
            "summary. Exit code 0 when every row was imported, 1 when rows were rejected, the file has no data " +
            "rows or the form has no published version, 2 on usage errors.")
        {
            form, file, db, mapping, skipBadRows, mode, asUser,
        };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var path = parsed.GetValue(file)!;
            if (Directory.Exists(path))
            {
                throw new UsageException($"\"{path}\" is a folder. Pass the .csv or .xlsx file to import.");
            }

            if (!File.Exists(path))
            {
                throw new UsageException($"File \"{path}\" does not exist. Pass a .csv or .xlsx file.");
            }

            var cli = await OpenAsync(parsed.GetValue(db)!, parsed.GetValue(form)!, context, cancellationToken)
                .ConfigureAwait(false);
            return await cli.ImportAsync(
                parsed.GetValue(form)!, path, parsed.GetValue(mapping), parsed.GetValue(skipBadRows),
                parsed.GetValue(asUser),
                parsed.GetValue(mode) == "upsert" ? ImportMode.Upsert : ImportMode.Insert,
                cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static Command Export(CliContext context)
    {
        var form = FormArgument();
        var db = DbOption();
        var asUser = new Option<string>("--as")
        {
            Description = "The user whose data permissions decide which records and fields are exported.",
            Required = true,
        };
        var output = new Option<string>("--out")
        {
            Description = "The .csv or .xlsx file to write; replaced when it exists.",
            Required = true,
        };
        var command = new Command(
            "export",
            "Export the records of a form that a user may see, without the fields hidden from them. Exit code 0 on " +
            "success, 1 when the user may not export or the form has no published version, 2 on usage errors.")
        {
            form, db, asUser, output,
        };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var cli = await OpenAsync(parsed.GetValue(db)!, parsed.GetValue(form)!, context, cancellationToken)
                .ConfigureAwait(false);
            return await cli.ExportAsync(
                parsed.GetValue(form)!, parsed.GetValue(asUser)!, parsed.GetValue(output)!, cancellationToken)
                .ConfigureAwait(false);
        }));
        return command;
    }

    /// <summary>
    /// Throws when the database has published forms but none with <paramref name="formKey"/>, which is most often a
    /// mistyped key, so the error lists the keys instead of proposing a package import. A database without any
    /// published form gets the error of <see cref="RecordsCli"/>, which names the package import.
    /// </summary>
    private static async Task RequireKnownFormAsync(
        IDefinitionStore definitions, string formKey, CancellationToken cancellationToken)
    {
        var forms = (await definitions.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(item => item.Kind == DefinitionKinds.Form && item.LatestVersion is not null)
            .Select(item => item.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (forms.Count > 0)
        {
            throw new KeyNotFoundException(
                $"Form '{formKey}' is not in this database, whose published forms are {string.Join(", ", forms)}. " +
                "Pass one of these keys, or publish the template package that declares the form with " +
                "\"workflowkit import PACKAGE --db DB\" first.");
        }
    }

    /// <summary>
    /// Opens the stores and registers the form's latest published version with the record
    /// store when the record store does not know the form yet. Participant rules read the
    /// runtime tables, and an import starts the flows whose import trigger names the form.
    /// </summary>
    /// <exception cref="InvalidOperationException">The form is an unpublished draft.</exception>
    /// <exception cref="KeyNotFoundException">The form is missing from a database that has other forms.</exception>
    private static async Task<RecordsCli> OpenAsync(
        string db, string formKey, CliContext context, CancellationToken cancellationToken)
    {
        var stores = await DatabaseFactory.OpenStoresAsync(db, context.TimeProvider, cancellationToken)
            .ConfigureAwait(false);
        if (await stores.RecordForms.FindFormAsync(formKey, cancellationToken).ConfigureAwait(false) is null)
        {
            var published = await stores.Definitions.GetVersionAsync(
                DefinitionKinds.Form, formKey, null, cancellationToken).ConfigureAwait(false);
            if (published is null)
            {
                await PublishedDefinitions.RequireNotDraftOnlyAsync(
                    stores.Definitions, DefinitionKinds.Form, formKey, cancellationToken).ConfigureAwait(false);
                await RequireKnownFormAsync(stores.Definitions, formKey, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var definition = DefinitionJson.Deserialize<FormDefinition>(published.Json);
                await stores.RecordForms.RegisterFormAsync(definition, cancellationToken).ConfigureAwait(false);
            }
        }

        var engine = await CliEngine.CreateAsync(stores, context.TimeProvider, cancellationToken).ConfigureAwait(false);
        var services = new RecordsCliServices(
            stores.Database, engine.Records, stores.RecordQueries, stores.RecordForms, stores.Organization,
            stores.Permissions, stores.Participation)
        {
            Files = stores.Files,
            RowStarter = await ImportFlowStarter.ForFormAsync(
                engine, stores.Participation, stores.Definitions, formKey, cancellationToken).ConfigureAwait(false),
        };
        return new RecordsCli(services, context.Output, context.Error);
    }
}
