using System.Collections.Frozen;

namespace WorkflowKit.Designer.Localization;

/// <summary>Simplified Chinese text of every UI string, keyed by the English text.</summary>
public static class ChineseStrings
{
    public static FrozenDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Menu"] = "菜单",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
