namespace WorkflowKit.Runtime.Outbox;

/// <summary>Matches a URL against the entries of <see cref="EngineOptions.HttpAllowedHosts"/>.</summary>
internal static class HttpAllowedHosts
{
    /// <summary>The wildcard entry that allows every host.</summary>
    public const string AnyHost = "*";

    /// <summary>
    /// Whether an entry is <see cref="AnyHost"/>, the URL's host, or its host and port. <see cref="Uri.Host"/> gives
    /// IPv4 addresses in dotted form (a URL naming <c>127.1</c> compares as 127.0.0.1) and IPv6 addresses in brackets.
    /// </summary>
    public static bool Allows(IEnumerable<string> entries, Uri url)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(url);
        var hostAndPort = $"{url.Host}:{url.Port}";
        var idnHostAndPort = $"{url.IdnHost}:{url.Port}";
        foreach (var entry in entries)
        {
            var trimmed = entry.Trim();
            if (trimmed == AnyHost
                || string.Equals(trimmed, url.Host, StringComparison.OrdinalIgnoreCase)
                || string.Equals(trimmed, url.IdnHost, StringComparison.OrdinalIgnoreCase)
                || string.Equals(trimmed, hostAndPort, StringComparison.OrdinalIgnoreCase)
                || string.Equals(trimmed, idnHostAndPort, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
