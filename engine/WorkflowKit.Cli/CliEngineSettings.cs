using WorkflowKit.Runtime;

namespace WorkflowKit.Cli;

/// <summary>
/// The engine settings that the CLI shares with the designer. The CLI reads no appsettings file, so it takes them from
/// the environment variables that .NET configuration maps to <c>WorkflowKit:Engine:*</c>.
/// </summary>
public static class CliEngineSettings
{
    /// <summary>The environment variable of <c>WorkflowKit:Engine:TimeZone</c>, the tenant time zone.</summary>
    public const string TimeZoneVariable = "WorkflowKit__Engine__TimeZone";

    /// <summary>
    /// Returns the tenant time zone id from <see cref="TimeZoneVariable"/>, or the engine's default (Asia/Shanghai)
    /// when it is not set.
    /// </summary>
    /// <exception cref="UsageException">The variable names a time zone this machine does not have.</exception>
    public static string TimeZoneId(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = context.ReadEnvironment(TimeZoneVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return new EngineOptions().TimeZone;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(value.Trim(), out _))
        {
            throw new UsageException(
                $"{TimeZoneVariable} (WorkflowKit:Engine:TimeZone) is \"{value}\", but this machine has no such time " +
                "zone. Set it to an IANA id such as Asia/Shanghai, the same value the designer uses.");
        }

        return value.Trim();
    }

    /// <summary>Builds engine options with the tenant time zone of <see cref="TimeZoneId"/>.</summary>
    public static EngineOptions Options(CliContext context) => new() { TimeZone = TimeZoneId(context) };
}
