using System.CommandLine;
using System.CommandLine.Parsing;
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

    public static Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, TimeProvider timeProvider,
            CancellationToken cancellationToken) =>
        RunAsync(args, output, error, timeProvider, Environment.GetEnvironmentVariable, cancellationToken);

    /// <summary>
    /// Runs one command line with <paramref name="readEnvironment"/> in place of the process's environment variables,
    /// such as <c>WorkflowKit__Engine__TimeZone</c>.
    /// </summary>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, TimeProvider timeProvider,
            Func<string, string?> readEnvironment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = new CliContext(output, error, timeProvider, readEnvironment);
        var root = CreateRoot(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine words every missing argument of a command alike ("Required argument missing for
            // command: 'import'."), so each is named here and a message is printed once. An argument is missing when
            // it received fewer tokens than its arity requires.
            var messages = parsed.Errors
                .Select(parseError => parseError.SymbolResult is ArgumentResult { Argument: var argument } result
                    && result.Tokens.Count < argument.Arity.MinimumNumberOfValues
                        ? $"Required argument {argument.Name} is missing. Give it after the command's name."
                        : ValueTypeWording.Rewrite(parseError.Message))
                .Distinct(StringComparer.Ordinal);
            foreach (var message in messages)
            {
                await error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
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
