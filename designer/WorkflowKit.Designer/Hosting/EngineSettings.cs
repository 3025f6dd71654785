using System.Globalization;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Hosting;

/// <summary>
/// The engine settings an administrator can set under <c>WorkflowKit:Engine</c>: the hosts HTTP nodes may call and
/// the largest HTTP reply they read. Settings that are not configured keep the defaults of <see cref="EngineOptions"/>.
/// </summary>
public static class EngineSettings
{
    public const string Section = "WorkflowKit:Engine";

    /// <summary>Copies the configured settings into <paramref name="options"/>.</summary>
    /// <exception cref="InvalidOperationException">A setting has an invalid value; the message names the key.</exception>
    public static void Apply(IConfiguration configuration, EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var section = configuration.GetSection(Section);
        var hosts = section.GetSection(nameof(EngineOptions.HttpAllowedHosts));
        if (hosts.GetChildren().Any())
        {
            options.HttpAllowedHosts = [.. hosts.GetChildren().Select(Host)];
        }

        var maxReply = section[nameof(EngineOptions.MaxHttpReplyBytes)];
        if (maxReply is not null)
        {
            options.MaxHttpReplyBytes = long.TryParse(maxReply, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
                && bytes > 0
                    ? bytes
                    : throw new InvalidOperationException(
                        $"{Section}:{nameof(EngineOptions.MaxHttpReplyBytes)} is \"{maxReply}\", but it must be a " +
                        "whole number of bytes greater than 0, such as 1048576 for 1 MiB.");
        }
    }

    private static string Host(IConfigurationSection entry)
    {
        var value = entry.Value?.Trim();
        if (string.IsNullOrEmpty(value) || value.Contains('/', StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{entry.Path} is \"{entry.Value}\", but it must be a host name or address, optionally with a port " +
                "(erp.internal, erp.internal:8443, 10.0.0.5, [fd00::5]:8080), or * for any host. Remove the scheme " +
                "and path.");
        }

        return value;
    }
}
