using System.Globalization;

namespace WorkflowKit.NodeHost;

/// <summary>
/// Command-line settings of one node: <c>--connection CS --node ID [--lease-seconds N] [--poll-ms N]
/// [--batch N] [--step-delay-ms N]</c>.
/// </summary>
internal sealed record NodeHostOptions(
    string ConnectionString, string NodeId, TimeSpan Lease, TimeSpan PollInterval, int BatchSize, TimeSpan StepDelay)
{
    public static NodeHostOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected an option such as --node, got \"{args[i]}\".", nameof(args));
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Require(string name) => values.TryGetValue(name, out var value)
            ? value
            : throw new ArgumentException($"--{name} is required.", nameof(args));
        int Number(string name, int fallback) => values.TryGetValue(name, out var value)
            ? int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture)
            : fallback;

        return new NodeHostOptions(
            Require("connection"),
            Require("node"),
            TimeSpan.FromSeconds(Number("lease-seconds", 2)),
            TimeSpan.FromMilliseconds(Number("poll-ms", 200)),
            Number("batch", 50),
            TimeSpan.FromMilliseconds(Number("step-delay-ms", 0)));
    }
}
