using System.CommandLine;
using WorkflowKit.Cli.Commands;

namespace WorkflowKit.Cli;

/// <summary>Entry point of the <c>workflowkit</c> command.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args, Console.Out, Console.Error);

    /// <summary>Registers the command groups; each group lives in its own file under Commands/.</summary>
    internal static void AddCommands(RootCommand root, CliContext context)
    {
        DefinitionCommands.AddTo(root, context);
        DelegationCommands.AddTo(root, context);
        FileCommands.AddTo(root, context);
        ForecastCliCommands.AddTo(root, context);
        OrganizationCommands.AddTo(root, context);
        RecordCommands.AddTo(root, context);
        RuntimeCommands.AddTo(root, context);
        ScenarioCommands.AddTo(root, context);
    }
}
