namespace WorkflowKit.Designer.Hosting;

/// <summary>
/// Invalid <c>WorkflowKit:Engine</c> settings. The message contains one problem per line, and
/// <see cref="Problems"/> lists them for a log line each.
/// </summary>
public sealed class EngineSettingsException : InvalidOperationException
{
    public EngineSettingsException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems ?? throw new ArgumentNullException(nameof(problems))))
    {
        Problems = problems;
    }

    public EngineSettingsException()
    {
        Problems = [];
    }

    public EngineSettingsException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public EngineSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>One message per invalid setting, each naming its key and what to do.</summary>
    public IReadOnlyList<string> Problems { get; }
}
