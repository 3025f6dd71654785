using Microsoft.Extensions.Logging;

namespace WorkflowKit.Storage.PostgreSql.Notifications;

/// <summary>
/// Log messages of <see cref="PostgresNotificationRelay"/> (event ids 9300-9309). Payloads are never logged.
/// </summary>
internal static partial class RelayLog
{
    [LoggerMessage(EventId = 9300, Level = LogLevel.Information, Message = "Listening on channel {Channel}")]
    public static partial void Listening(ILogger logger, string channel);

    [LoggerMessage(EventId = 9301, Level = LogLevel.Warning,
        Message = "Lost the listening connection on channel {Channel}; reconnecting in {Delay}, and each failed " +
            "reconnect doubles the wait up to {MaxDelay}")]
    public static partial void ConnectionLost(
        ILogger logger, Exception exception, string channel, TimeSpan delay, TimeSpan maxDelay);

    [LoggerMessage(EventId = 9303, Level = LogLevel.Debug,
        Message = "Reconnect {Attempt} on channel {Channel} failed; trying again in {Delay}")]
    public static partial void ReconnectFailed(ILogger logger, string channel, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 9304, Level = LogLevel.Information,
        Message = "Listening on channel {Channel} again, after {Attempts} failed reconnects over {Duration}")]
    public static partial void Reconnected(ILogger logger, string channel, int attempts, TimeSpan duration);

    [LoggerMessage(EventId = 9302, Level = LogLevel.Error,
        Message = "A notification handler on channel {Channel} failed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string channel);
}
