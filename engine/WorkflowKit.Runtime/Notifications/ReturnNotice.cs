using WorkflowKit.Definitions;

namespace WorkflowKit.Runtime.Notifications;

/// <summary>
/// A return in progress: the node it goes back to, who returned from which node, and the comment. The tasks that
/// the return creates at <see cref="TargetNodeId"/> notify with <see cref="Message"/>.
/// </summary>
public sealed record ReturnNotice(
    string TargetNodeId, string ReturnedBy, string ReturnedByName, LocalizedText? FromNodeName, string? Comment)
{
    /// <summary>
    /// The comment in each language when the engine decided, such as at a task's deadline; each language's line
    /// quotes its own text. Null for a person's comment, which is quoted as it was written.
    /// </summary>
    public LocalizedText? LocalizedComment { get; init; }

    /// <summary>Builds the notification text in Chinese and English, with the comment quoted as it was written.</summary>
    public LocalizedText Message(LocalizedText? targetNodeName)
    {
        var target = targetNodeName ?? new LocalizedText(TargetNodeId);
        var from = FromNodeName;
        var hasComment = !string.IsNullOrWhiteSpace(Comment);
        var chineseComment = LocalizedComment?.Get("zh-CN") ?? Comment?.Trim();
        var englishComment = LocalizedComment?.Get("en") ?? Comment?.Trim();
        var chinese = $"{target.Get("zh-CN")}：{ReturnedByName} 在“{from?.Get("zh-CN")}”退回了此申请。" +
            (hasComment ? $"原因：{chineseComment}" : "未填写原因。");
        var english = $"{target.Get("en")}: {ReturnedByName} returned this submission at \"{from?.Get("en")}\". " +
            (hasComment ? $"Reason: {englishComment}" : "No reason was given.");
        return new LocalizedText(chinese, english);
    }
}
