namespace WorkflowKit.Designer.Dashboards;

/// <summary>
/// The windows of the stock-by-expiry chart, in days from today in the tenant time zone. A
/// batch whose expiry date is today counts as 0 days, in the first window that is not expired.
/// </summary>
public static class ExpiryWindows
{
    public const string Expired = "expired";
    public const string Within30 = "0-30";
    public const string Within90 = "31-90";
    public const string Within180 = "91-180";
    public const string Later = "181+";

    /// <summary>Each window's key and its first and last day from today; null for an open end.</summary>
    public static IReadOnlyList<(string Key, int? From, int? To)> All { get; } =
    [
        (Expired, null, -1),
        (Within30, 0, 30),
        (Within90, 31, 90),
        (Within180, 91, 180),
        (Later, 181, null),
    ];
}
