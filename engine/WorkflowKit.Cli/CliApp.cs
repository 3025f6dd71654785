using System.CommandLine;
using WorkflowKit.Definitions.Json;

namespace WorkflowKit.Cli;

/// <summary>
/// Builds the command tree and runs one command line. Tests call RunAsync in-process
/// with their own writers; the process entry point passes the console.
/// </summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(args, output, error, TimeProvider.System, CancellationToken.None);

    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, TimeProvider timeProvider,
            CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = new CliContext(output, error, timeProvider);
        var root = CreateRoot(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"error: {ValueTypeWording.Rewrite(parseError.Message)}").ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'workflowkit --help' (or COMMAND --help) for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
        };
        return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    public static RootCommand CreateRoot(CliContext context)
    {
        var root = new RootCommand(
            "WorkflowKit: validate, import, publish and export form, flow and view definitions, and run the engine.");
        Program.AddCommands(root, context);
        return root;
    }
}
