using System.CommandLine;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Runtime.Cli;

namespace WorkflowKit.Cli.Commands;

/// <summary>
/// The engine commands: <c>run</c>, <c>tasks</c>, <c>complete</c>, <c>instance</c>, <c>instance migrate</c>,
/// <c>instance cancel</c>,
/// <c>incidents</c> and <c>incidents retry</c>. Each
/// opens the database, builds an engine on it and hands over to <see cref="RuntimeCli"/> or <see cref="MigrationCli"/>.
/// </summary>
public static class RuntimeCommands
{
    public static void AddTo(RootCommand root, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(context);
        root.Subcommands.Add(Run(context));
        root.Subcommands.Add(Tasks(context));
        root.Subcommands.Add(Complete(context));
        root.Subcommands.Add(Instance(context));
        root.Subcommands.Add(Incidents(context));
    }

    private static Command Run(CliContext context)
    {
        var key = new Argument<string>("KEY") { Description = "Key of a published flow." };
        var input = new Option<string?>("--input") { Description = "JSON file with the submitted form data." };
        var db = DbOption();
        var user = AsOption(required: false);
        var command = new Command("run", "Start an instance of the latest published version of a flow and print its state.")
        {
            key, input, db, user,
        };
        command.SetAction((parsed, cancellationToken) => WithCliAsync(context, parsed.GetValue(db)!, cancellationToken,
            cli => cli.RunAsync(parsed.GetValue(key)!, parsed.GetValue(input), parsed.GetValue(user)!, cancellationToken),
            requiredFlow: parsed.GetValue(key)));
        return command;
    }

    private static Command Tasks(CliContext context)
    {
        var db = DbOption();
        var assignee = new Option<string?>("--assignee") { Description = "Only tasks assigned to this user id." };
        var command = new Command("tasks", "List open tasks.") { db, assignee };
        command.SetAction((parsed, cancellationToken) => WithCliAsync(context, parsed.GetValue(db)!, cancellationToken,
            cli => cli.TasksAsync(parsed.GetValue(assignee), cancellationToken)));
        return command;
    }

    private static Command Complete(CliContext context)
    {
        var task = new Argument<string>("TASK") { Description = "Id of the task." };
        var action = new Option<string>("--action")
        {
            Description = "One of " + string.Join(", ", Runtime.Tasks.TaskActions.Names) + ".",
            Required = true,
        };
        action.AcceptOnlyFromAmong([.. Runtime.Tasks.TaskActions.All.Order(StringComparer.Ordinal)]);
        var user = AsOption(required: true);
        var db = DbOption();
        var comment = new Option<string?>("--comment") { Description = "Comment recorded in the audit trail." };
        var to = new Option<string?>("--to") { Description = "User id for transfer, cc and the addSigner actions." };
        var node = new Option<string?>("--node")
        {
            Description = "For return: an earlier node id, or :initiator to return to the initiator, who resubmits " +
                "with --action resubmit.",
        };
        var command = new Command("complete", "Act on a task as a user.") { task, action, user, db, comment, to, node };
        command.SetAction((parsed, cancellationToken) => WithCliAsync(context, parsed.GetValue(db)!, cancellationToken,
            cli => cli.CompleteAsync(
                parsed.GetValue(task)!, parsed.GetValue(action)!, parsed.GetValue(user)!, parsed.GetValue(comment),
                cancellationToken, parsed.GetValue(to), parsed.GetValue(node))));
        return command;
    }

    private static Command Instance(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "Id of the instance." };
        var db = DbOption();
        var command = new Command("instance", "Show an instance: path taken, tasks and audit trail.") { id, db };
        command.SetAction((parsed, cancellationToken) => WithCliAsync(context, parsed.GetValue(db)!, cancellationToken,
            cli => cli.InstanceAsync(parsed.GetValue(id)!, cancellationToken)));
        command.Subcommands.Add(Migrate(context));
        command.Subcommands.Add(Cancel(context));
        return command;
    }

    private static Command Cancel(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "Id of the running instance." };
        var reason = new Option<string>("--reason")
        {
            Description = "Why the instance is cancelled; kept in the audit trail.",
            Required = true,
        };
        var user = AsOption(required: false);
        var db = DbOption();
        var command = new Command(
            "cancel",
            "Cancel a running instance as an administrator: its open tasks, timers and pending calls end.")
        {
            id, reason, user, db,
        };
        command.SetAction((parsed, cancellationToken) => WithCliAsync(context, parsed.GetValue(db)!, cancellationToken,
            cli => cli.CancelInstanceAsync(
                parsed.GetValue(id)!, parsed.GetValue(reason)!, parsed.GetValue(user)!, cancellationToken)));
        return command;
    }

    private static Command Incidents(CliContext context)
    {
        var db = DbOption();
        var instance = new Option<string?>("--instance") { Description = "Only incidents of this instance id." };
        var command = new Command(
            "incidents",
            "List open incidents: nodes that stopped on a fault such as an assignee rule that matched nobody.")
        {
            db, instance,
        };
        command.SetAction((parsed, cancellationToken) => WithCliAsync(context, parsed.GetValue(db)!, cancellationToken,
            cli => cli.IncidentsAsync(parsed.GetValue(instance), cancellationToken)));
        command.Subcommands.Add(Retry(context));
        return command;
    }

    private static Command Retry(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "Id of the open incident; see 'workflowkit incidents'." };
        var user = AsOption(required: false);
        var db = DbOption();
        var command = new Command(
            "retry",
            "Resolve an incident and run its node again, after fixing its cause; prints the instance.")
        {
            id, user, db,
        };
        command.SetAction((parsed, cancellationToken) => WithCliAsync(context, parsed.GetValue(db)!, cancellationToken,
            cli => cli.RetryIncidentAsync(parsed.GetValue(id)!, parsed.GetValue(user)!, cancellationToken)));
        return command;
    }

    private static Command Migrate(CliContext context)
    {
        var id = new Argument<string?>("INSTANCE")
        {
            Description = "Id of the running instance to migrate; leave out with --all-of.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var toVersion = new Option<int>("--to-version")
        {
            Description = "Published version of the instance's flow to move to.",
            Required = true,
        };
        var map = new Option<string[]>("--map")
        {
            Description = "OLD=NEW: a node id of the current version and the node id it has in the target version, " +
                          "or an incoming edge of a join and the edge of the target join that the tokens waiting " +
                          "there count for; repeat for each renamed node or mapped edge.",
            AllowMultipleArgumentsPerToken = false,
        };
        var allOf = new Option<string?>("--all-of")
        {
            Description = "FLOW:VERSION: migrate every running instance of that flow version, each in its own transaction.",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan and its problems; write nothing." };
        var user = AsOption(required: false);
        var db = DbOption();
        var command = new Command(
            "migrate",
            "Move running instances to another published version of their flow; completed steps do not run again.")
        {
            id, toVersion, map, allOf, dryRun, user, db,
        };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var instanceId = parsed.GetValue(id);
            var flowVersion = parsed.GetValue(allOf);
            if ((instanceId is null) == (flowVersion is null))
            {
                throw new UsageException(
                    "instance migrate takes either an INSTANCE id or --all-of FLOW:VERSION, not both and not neither.");
            }

            var mapping = ParseMapping(parsed.GetValue(map) ?? []);
            var time = context.TimeProvider;
            var stores = await DatabaseFactory.OpenStoresAsync(parsed.GetValue(db)!, time, cancellationToken)
                .ConfigureAwait(false);
            var engine = await CliEngine.CreateAsync(stores, time, cancellationToken).ConfigureAwait(false);
            var cli = new MigrationCli(engine, context.Output, context.Error);
            var version = parsed.GetValue(toVersion);
            var dry = parsed.GetValue(dryRun);
            var actor = parsed.GetValue(user)!;
            return instanceId is not null
                ? await cli.MigrateAsync(instanceId, version, mapping, dry, actor, cancellationToken).ConfigureAwait(false)
                : await cli.MigrateAllAsync(flowVersion!, version, mapping, dry, actor, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static IReadOnlyDictionary<string, string> ParseMapping(string[] values)
    {
        try
        {
            return MigrationCli.ParseMapping(values);
        }
        catch (ArgumentException exception)
        {
            throw new UsageException(exception.Message);
        }
    }

    /// <summary>
    /// Opens the database and runs <paramref name="work"/> on an engine over it. A <paramref name="requiredFlow"/>
    /// is checked first, so that a flow that is only a draft gets an error naming the command that publishes it.
    /// </summary>
    private static Task<int> WithCliAsync(
        CliContext context, string db, CancellationToken cancellationToken, Func<RuntimeCli, Task<int>> work,
        string? requiredFlow = null) =>
        CommandRunner.RunAsync(context, async () =>
        {
            var time = context.TimeProvider;
            var stores = await DatabaseFactory.OpenStoresAsync(db, time, cancellationToken).ConfigureAwait(false);
            if (requiredFlow is not null)
            {
                await PublishedDefinitions.RequirePublishedAsync(
                    stores.Definitions, DefinitionKinds.Flow, requiredFlow, cancellationToken).ConfigureAwait(false);
            }

            var engine = await CliEngine.CreateAsync(stores, time, cancellationToken).ConfigureAwait(false);
            return await work(new RuntimeCli(engine, context.Output, context.Error)).ConfigureAwait(false);
        });

    private static Option<string> DbOption() => new("--db")
    {
        Description = "SQLite database file (created when missing) or PostgreSQL connection string; migrated.",
        Required = true,
    };

    private static Option<string> AsOption(bool required) => new("--as")
    {
        Description = "User id acting (default: the operating system user).",
        Required = required,
        DefaultValueFactory = required ? null : _ => Environment.UserName,
    };
}
