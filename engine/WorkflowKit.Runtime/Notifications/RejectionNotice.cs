using WorkflowKit.Definitions;

namespace WorkflowKit.Runtime.Notifications;

/// <summary>
/// A rejection that decided a node: who rejected, at which node, and the comment. The instance's initiator is
/// notified with <see cref="Message"/>.
/// </summary>
public sealed record RejectionNotice(string RejectedBy, string RejectedByName, LocalizedText? NodeName, string? Comment)
{
    /// <summary>
    /// The comment in each language when the engine decided, such as at a task's deadline; each language's line
    /// quotes its own text. Null for a person's comment, which is quoted as it was written.
    /// </summary>
    public LocalizedText? LocalizedComment { get; init; }

    /// <summary>
    /// Builds the notification text in Chinese and English, with the comment quoted as it was written.
    /// <paramref name="ended"/> is true when the rejection ended the instance rather than routing it on.
    /// </summary>
    public LocalizedText Message(string nodeId, bool ended)
    {
        var node = NodeName ?? new LocalizedText(nodeId);
        var hasComment = !string.IsNullOrWhiteSpace(Comment);
        var chineseComment = LocalizedComment?.Get("zh-CN") ?? Comment?.Trim();
        var englishComment = LocalizedComment?.Get("en") ?? Comment?.Trim();
        var chinese = $"{RejectedByName} 在“{node.Get("zh-CN")}”驳回了此申请" + (ended ? "，流程已结束。" : "。") +
            (hasComment ? $"原因：{chineseComment}" : "未填写原因。");
        var english = $"{RejectedByName} rejected this submission at \"{node.Get("en")}\"" +
            (ended ? " and the flow has ended. " : ". ") +
            (hasComment ? $"Reason: {englishComment}" : "No reason was given.");
        return new LocalizedText(chinese, english);
    }
}
