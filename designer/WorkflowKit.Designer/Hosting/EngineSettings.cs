using System.Globalization;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Hosting;

/// <summary>
/// The engine settings a deployer sets under <c>WorkflowKit:Engine</c>, one key per <see cref="EngineOptions"/>
/// property of the same name. Settings that are not configured keep the defaults of <see cref="EngineOptions"/>.
/// Options that code supplies (the workday calendar, the delegation store) have no key, and neither has
/// <see cref="EngineOptions.SystemUserId"/>, which stored audit entries name.
/// </summary>
public static class EngineSettings
{
    public const string Section = "WorkflowKit:Engine";

    /// <summary>The keys under <see cref="Section"/>; docs/deployment.md lists the same keys.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        nameof(EngineOptions.TimeZone),
        nameof(EngineOptions.Lease),
        nameof(EngineOptions.PollInterval),
        nameof(EngineOptions.BatchSize),
        nameof(EngineOptions.RunnerId),
        nameof(EngineOptions.TriggerRefreshInterval),
        nameof(EngineOptions.RetryAttempts),
        nameof(EngineOptions.RetryBackoff),
        nameof(EngineOptions.MaxNodesPerStep),
        nameof(EngineOptions.MaxQueryRows),
        nameof(EngineOptions.UrgeInterval),
        nameof(EngineOptions.HttpTimeout),
        nameof(EngineOptions.HttpAllowedHosts),
        nameof(EngineOptions.MaxHttpReplyBytes),
    ];

    /// <summary>Copies the configured settings into <paramref name="options"/>.</summary>
    /// <exception cref="EngineSettingsException">
    /// Keys are not among <see cref="Keys"/>, or settings have invalid values. The exception lists every such problem,
    /// each naming its key, and the options keep only the valid values.
    /// </exception>
    public static void Apply(IConfiguration configuration, EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var section = configuration.GetSection(Section);
        var problems = new List<string>();

        // Each setting is read on its own, so that a deployer learns every bad value from one start.
        void Read(Action read)
        {
            try
            {
                read();
            }
            catch (InvalidOperationException problem)
            {
                problems.Add(problem.Message);
            }
        }

        Read(() => RejectUnknownKeys(section));
        Read(() => ReadText(section, nameof(EngineOptions.TimeZone), value => options.TimeZone = ZoneId(section, value)));
        Read(() => ReadDuration(section, nameof(EngineOptions.Lease), TimeSpan.FromSeconds(1), value => options.Lease = value));
        Read(() => ReadDuration(section, nameof(EngineOptions.PollInterval), TimeSpan.FromMilliseconds(100),
            value => options.PollInterval = value));
        Read(() => ReadWholeNumber(section, nameof(EngineOptions.BatchSize), "a whole number greater than 0, such as 50",
            value => options.BatchSize = (int)value));
        Read(() => ReadText(section, nameof(EngineOptions.RunnerId), value => options.RunnerId = value));
        Read(() => ReadDuration(section, nameof(EngineOptions.TriggerRefreshInterval), TimeSpan.FromSeconds(1),
            value => options.TriggerRefreshInterval = value));
        Read(() => ReadWholeNumber(section, nameof(EngineOptions.RetryAttempts), "a whole number greater than 0, such as 3",
            value => options.RetryAttempts = (int)value));
        Read(() => ReadDuration(section, nameof(EngineOptions.RetryBackoff), TimeSpan.Zero, value => options.RetryBackoff = value));
        Read(() => ReadWholeNumber(section, nameof(EngineOptions.MaxNodesPerStep), "a whole number greater than 0, such as 1000",
            value => options.MaxNodesPerStep = (int)value));
        Read(() => ReadWholeNumber(section, nameof(EngineOptions.MaxQueryRows), "a whole number greater than 0, such as 10000",
            value => options.MaxQueryRows = (int)value));
        Read(() => ReadDuration(section, nameof(EngineOptions.UrgeInterval), TimeSpan.Zero, value => options.UrgeInterval = value));
        Read(() => ReadDuration(section, nameof(EngineOptions.HttpTimeout), TimeSpan.FromSeconds(1),
            value => options.HttpTimeout = value));
        Read(() => ReadHosts(section, options));
        Read(() => ReadWholeNumber(section, nameof(EngineOptions.MaxHttpReplyBytes),
            "a whole number of bytes greater than 0, such as 1048576 for 1 MiB",
            value => options.MaxHttpReplyBytes = value));

        if (options.Lease <= options.HttpTimeout)
        {
            problems.Add(
                $"{Section}:{nameof(EngineOptions.Lease)} is {options.Lease:c}, but it must be longer than " +
                $"{Section}:{nameof(EngineOptions.HttpTimeout)} ({options.HttpTimeout:c}), because another node may " +
                "take a claimed timer or message once its lease ends. Raise the lease or lower the timeout.");
        }

        if (problems.Count > 0)
        {
            throw new EngineSettingsException(problems);
        }
    }

    private static void RejectUnknownKeys(IConfigurationSection section)
    {
        foreach (var child in section.GetChildren())
        {
            if (!Keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"{child.Path} is not an engine setting. Check its spelling; the settings are " +
                    $"{string.Join(", ", Keys)}.");
            }
        }
    }

    private static void ReadText(IConfigurationSection section, string key, Action<string> apply)
    {
        var value = section[key];
        if (value is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"{section.Path}:{key} is empty. Give it a value or remove the key to keep the default.");
        }

        apply(value.Trim());
    }

    private static string ZoneId(IConfigurationSection section, string value)
    {
        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(value);
            return value;
        }
        catch (Exception error) when (error is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException(
                $"{section.Path}:{nameof(EngineOptions.TimeZone)} is \"{value}\", but this machine has no such " +
                "time zone. Use an IANA id such as Asia/Shanghai.", error);
        }
    }

    // Durations are written as .NET writes a TimeSpan ([d.]hh:mm:ss[.fff]). A value without a colon is rejected,
    // because TimeSpan reads a bare "30" as 30 days where a deployer most likely meant seconds.
    private static void ReadDuration(
        IConfigurationSection section, string key, TimeSpan minimum, Action<TimeSpan> apply)
    {
        var value = section[key];
        if (value is null)
        {
            return;
        }

        if (!value.Contains(':', StringComparison.Ordinal)
            || !TimeSpan.TryParse(value.Trim(), CultureInfo.InvariantCulture, out var duration)
            || duration < minimum)
        {
            throw new InvalidOperationException(
                $"{section.Path}:{key} is \"{value}\", but it must be a duration written as hh:mm:ss (or d.hh:mm:ss) " +
                $"of at least {minimum:c}, such as 00:00:30 for 30 seconds.");
        }

        apply(duration);
    }

    // Values go into int properties except MaxHttpReplyBytes, so a larger one is rejected rather than cut short.
    private static void ReadWholeNumber(
        IConfigurationSection section, string key, string expected, Action<long> apply)
    {
        var value = section[key];
        if (value is null)
        {
            return;
        }

        var maximum = key == nameof(EngineOptions.MaxHttpReplyBytes) ? long.MaxValue : int.MaxValue;
        if (!long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number < 1
            || number > maximum)
        {
            throw new InvalidOperationException($"{section.Path}:{key} is \"{value}\", but it must be {expected}.");
        }

        apply(number);
    }

    private static void ReadHosts(IConfigurationSection section, EngineOptions options)
    {
        var hosts = section.GetSection(nameof(EngineOptions.HttpAllowedHosts));
        if (hosts.GetChildren().Any())
        {
            options.HttpAllowedHosts = [.. hosts.GetChildren().Select(Host)];
        }
        else if (hosts.Value is not null)
        {
            throw new InvalidOperationException(
                $"{hosts.Path} is \"{hosts.Value}\", but it must be a list. Set {hosts.Path}:0, {hosts.Path}:1 and " +
                "so on (WorkflowKit__Engine__HttpAllowedHosts__0 in environment variables).");
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
