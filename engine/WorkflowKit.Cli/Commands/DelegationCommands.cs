using System.CommandLine;
using System.Globalization;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Delegations;

namespace WorkflowKit.Cli.Commands;

/// <summary>
/// The <c>delegation</c> commands: <c>create</c>, <c>list</c> and <c>end</c> standing delegations (代理审批) with the
/// checks of the portal's delegation page. The CLI acts as an administrator, so it delegates for any user. A delegation
/// created with <c>--move-open-tasks</c> whose period has started moves the user's open tasks before the command
/// returns, as the page does. A later start leaves them to the background round of a running designer or host. Times
/// are read and printed in the tenant time zone of <see cref="CliEngineSettings.TimeZoneVariable"/>, as the designer's
/// pages and API use <c>WorkflowKit:Engine:TimeZone</c>.
/// </summary>
public static class DelegationCommands
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm";

    public static void AddTo(RootCommand root, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(context);
        var delegation = new Command("delegation", "Create, list and end standing delegations of tasks.");
        delegation.Subcommands.Add(Create(context));
        delegation.Subcommands.Add(List(context));
        delegation.Subcommands.Add(End(context));
        root.Subcommands.Add(delegation);
    }

    private static Command Create(CliContext context)
    {
        var user = new Option<string>("--user") { Description = "User id of the person who is away.", Required = true };
        var to = new Option<string>("--to") { Description = "User id of the delegate who takes the tasks.", Required = true };
        var start = new Option<string>("--start")
        {
            Description = "First minute of the period, such as 2025-03-03T09:00, in the tenant time zone " +
                $"({CliEngineSettings.TimeZoneVariable}, Asia/Shanghai when unset).",
            Required = true,
        };
        var end = new Option<string>("--end")
        {
            Description = "End of the period (excluded), such as 2025-03-10T18:00, in the tenant time zone " +
                $"({CliEngineSettings.TimeZoneVariable}, Asia/Shanghai when unset).",
            Required = true,
        };
        var flows = new Option<string[]>("--flow")
        {
            Description = "Key of a flow that the delegation covers; repeat for each. Every flow when left out.",
        };
        var note = new Option<string?>("--note")
        {
            Description = $"Note shown with the delegation, at most {DelegationService.MaxNoteLength} characters.",
        };
        var move = new Option<bool>("--move-open-tasks")
        {
            Description = "Also move the user's tasks that are already open when the period starts.",
        };
        var actor = AsOption();
        var db = DbOption();
        var command = new Command(
            "create",
            "Create a delegation and print it. Exit code 0 on success, 1 when a rule rejects it (nothing is written), " +
            "2 on usage errors.")
        {
            user, to, start, end, flows, note, move, actor, db,
        };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var zone = CliEngineSettings.TimeZoneId(context);
            var request = new DelegationRequest(
                parsed.GetValue(user)!, parsed.GetValue(to)!, ParseTime(parsed.GetValue(start)!, "--start", zone),
                ParseTime(parsed.GetValue(end)!, "--end", zone))
            {
                FlowKeys = parsed.GetValue(flows),
                Note = parsed.GetValue(note),
                MoveOpenTasks = parsed.GetValue(move),
            };
            return await WithServiceAsync(context, parsed.GetValue(db)!, cancellationToken, async (service, engine) =>
            {
                Delegation created;
                try
                {
                    created = await service.CreateAsync(request, parsed.GetValue(actor)!, asAdministrator: true, cancellationToken)
                        .ConfigureAwait(false);
                }
                catch (DelegationException unknown) when (
                    unknown.Error is DelegationError.UserNotFound or DelegationError.DelegateNotFound)
                {
                    var (option, id) = unknown.Error == DelegationError.UserNotFound
                        ? ("--user", request.UserId)
                        : ("--to", request.DelegateId);
                    throw new DelegationException(
                        unknown.Error,
                        $"{option} \"{id}\" is neither an active user of the organisation directory nor an active " +
                        $"account of the designer on this database. Give the id of an active user in {option}, or " +
                        "add the user with 'workflowkit org import'.",
                        unknown);
                }

                await context.Output.WriteLineAsync($"Created delegation {Describe(service, created)}.").ConfigureAwait(false);
                if (created.MoveOpenTasks && created.IsInForce(context.TimeProvider.GetUtcNow()))
                {
                    var moved = await engine.MoveDelegatedTasksAsync(cancellationToken).ConfigureAwait(false);
                    await context.Output.WriteLineAsync(
                        $"Moved {moved} open task(s) of {created.UserId} to the delegates.").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }).ConfigureAwait(false);
        }));
        return command;
    }

    private static Command List(CliContext context)
    {
        var user = new Option<string?>("--user") { Description = "Only the delegations of this user id." };
        var db = DbOption();
        var command = new Command("list", "List delegations, newest start first.") { user, db };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(context, () =>
            WithServiceAsync(context, parsed.GetValue(db)!, cancellationToken, async (service, _) =>
            {
                var userId = parsed.GetValue(user);
                var items = userId is null
                    ? await service.ListAllAsync(cancellationToken).ConfigureAwait(false)
                    : await service.ListForUserAsync(userId, cancellationToken).ConfigureAwait(false);
                foreach (var item in items)
                {
                    await context.Output.WriteLineAsync(Describe(service, item)).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            })));
        return command;
    }

    private static Command End(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "Id of the delegation; see 'workflowkit delegation list'." };
        var actor = AsOption();
        var db = DbOption();
        var command = new Command("end", "End a delegation now; later tasks go to the user again.") { id, actor, db };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(context, () =>
            WithServiceAsync(context, parsed.GetValue(db)!, cancellationToken, async (service, _) =>
            {
                var ended = await service.EndAsync(
                    parsed.GetValue(id)!, parsed.GetValue(actor)!, asAdministrator: true, cancellationToken)
                    .ConfigureAwait(false);
                await context.Output.WriteLineAsync($"Ended delegation {Describe(service, ended)}.").ConfigureAwait(false);
                return ExitCodes.Success;
            })));
        return command;
    }

    private static async Task<int> WithServiceAsync(
        CliContext context, string db, CancellationToken cancellationToken,
        Func<DelegationService, WorkflowEngine, Task<int>> work)
    {
        var time = context.TimeProvider;
        var options = CliEngineSettings.Options(context);
        var stores = await DatabaseFactory.OpenStoresAsync(db, time, cancellationToken).ConfigureAwait(false);
        await using (stores.ConfigureAwait(false))
        {
            var engine = await CliEngine.CreateAsync(stores, time, cancellationToken, options.TimeZone)
                .ConfigureAwait(false);
            // The designer's pages read its accounts, so a delegation here accepts the same users as the page.
            var directory = new DesignerAccountDirectory(stores.Organization, stores.Database);
            var service = new DelegationService(stores.Delegations, directory, time, options, stores.Definitions);
            return await work(service, engine).ConfigureAwait(false);
        }
    }

    private static string Describe(DelegationService service, Delegation item)
    {
        var flows = item.FlowKeys.Count == 0 ? "every flow" : "flows " + string.Join(", ", item.FlowKeys);
        var ended = item.EndedAt is null ? string.Empty : $", ended by {item.EndedBy}";
        var moves = item.MoveOpenTasks ? ", moves open tasks" : string.Empty;
        return $"{item.Id}: {item.UserId} -> {item.DelegateId}, {Local(service, item.StartsAt)} to " +
            $"{Local(service, item.EffectiveEnd)} ({service.TimeZone.Id}), {flows}{moves}{ended}";
    }

    private static string Local(DelegationService service, DateTimeOffset instant) =>
        service.ToLocal(instant).ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static DateTime ParseTime(string text, string option, string zone) =>
        DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new UsageException(
                $"{option} \"{text}\" is not a time such as 2025-03-03T09:00 (yyyy-MM-ddTHH:mm, tenant time zone " +
                $"{zone}).");

    private static Option<string> DbOption() => new("--db")
    {
        Description = "SQLite database file (created when missing) or PostgreSQL connection string; migrated.",
        Required = true,
    };

    private static Option<string> AsOption() => new("--as")
    {
        Description = "User id recorded as the creator (default: the operating system user).",
        DefaultValueFactory = _ => Environment.UserName,
    };
}
