using WorkflowKit.Definitions.Store;
using WorkflowKit.Storage;

namespace WorkflowKit.Cli.Commands;

/// <summary>
/// Runs a command body and turns the exceptions callers can act on into a message and an exit
/// code: usage mistakes give 2, refused or failed operations give 1.
/// </summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is UsageException or ArgumentException
                                              or FileNotFoundException or DirectoryNotFoundException)
        {
            await context.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            await context.Error.WriteLineAsync("Run 'workflowkit --help' (or COMMAND --help) for usage.")
                .ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (DefinitionValidationException refused)
        {
            foreach (var diagnostic in refused.Diagnostics)
            {
                await context.Output.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
            }

            var errors = refused.Diagnostics.Count(diagnostic => diagnostic.IsError);
            await context.Error.WriteLineAsync($"error: refused with {errors} validation error(s); nothing was " +
                $"written.")
                .ConfigureAwait(false);
            return ExitCodes.Problems;
        }
        catch (Exception exception) when (exception is KeyNotFoundException or ConcurrencyConflictException
                                              or InvalidOperationException or IOException
                                              or Samples.Scenarios.SampleLoadException)
        {
            await context.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Problems;
        }
    }
}
