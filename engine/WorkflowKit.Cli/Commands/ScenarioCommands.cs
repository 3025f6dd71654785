using System.CommandLine;
using WorkflowKit.Samples.Scenarios;

namespace WorkflowKit.Cli.Commands;

/// <summary>
/// <c>scenario list</c> and <c>scenario run NAME --db DB</c>: scripted days on the sample data
/// (<see cref="ScenarioCatalog"/>).
/// </summary>
public static class ScenarioCommands
{
    public static void AddTo(RootCommand root, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(context);
        var scenario = new Command("scenario", "Run scripted days on the sample data.");
        scenario.Subcommands.Add(List(context));
        scenario.Subcommands.Add(Run(context));
        root.Subcommands.Add(scenario);
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List the scenarios.");
        command.SetAction(async (_, _) =>
        {
            foreach (var (name, description) in ScenarioCatalog.All)
            {
                await context.Output.WriteLineAsync($"{name}: {description}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Run(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "Scenario name; see 'scenario list'." };
        var db = new Option<string>("--db")
        {
            Description = "Empty SQLite database file (created) or PostgreSQL connection string to an empty database.",
            Required = true,
        };
        var templates = new Option<string?>("--templates")
        {
            Description = "Folder of the template packages (default: definitions/templates above the current folder).",
        };
        var data = new Option<string?>("--data")
        {
            Description = "Sample data folder (default: samples/data above the current folder).",
        };
        var command = new Command("run", "Run a scenario on a new database and print its summary.") { name, db, templates, data };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var located = parsed.GetValue(templates) is { } t && parsed.GetValue(data) is { } d
                ? new SampleLoadOptions(t, d)
                : SampleLoadOptions.Locate(Directory.GetCurrentDirectory());
            var options = located with
            {
                TemplatesFolder = parsed.GetValue(templates) ?? located.TemplatesFolder,
                DataFolder = parsed.GetValue(data) ?? located.DataFolder,
            };
            ScenarioSummary summary;
            try
            {
                summary = await ScenarioCatalog.RunAsync(
                    parsed.GetValue(name)!, parsed.GetValue(db)!, options, context.Output, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (SampleLoadException failed)
            {
                await context.Error.WriteLineAsync($"error: {failed.Message}").ConfigureAwait(false);
                return ExitCodes.Problems;
            }

            foreach (var line in ScenarioCatalog.Format(summary))
            {
                await context.Output.WriteLineAsync(line).ConfigureAwait(false);
            }

            if (summary.Incidents > 0)
            {
                await context.Error.WriteLineAsync(
                    $"error: the scenario left {summary.Incidents} open incident(s); list them with 'workflowkit " +
                    "incidents --db DB' and, after fixing the cause, retry one with 'workflowkit incidents retry ID " +
                    "--db DB'.").ConfigureAwait(false);
                return ExitCodes.Problems;
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
