using WorkflowKit.Definitions;

namespace WorkflowKit.Runtime.Notifications;

/// <summary>
/// A return in progress: the node it goes back to, who returned from which node, and the comment. The tasks that
/// the return creates at <see cref="TargetNodeId"/> notify with <see cref="Message"/>.
/// </summary>
public sealed record ReturnNotice(
    string TargetNodeId, string ReturnedBy, string ReturnedByName, LocalizedText? FromNodeName, string? Comment)
{
    /// <summary>Builds the notification text in Chinese and English, with the comment quoted as it was written.</summary>
    public LocalizedText Message(LocalizedText? targetNodeName)
    {
        var target = targetNodeName ?? new LocalizedText(TargetNodeId);
        var from = FromNodeName;
        var hasComment = !string.IsNullOrWhiteSpace(Comment);
        var chinese = $"{target.Get("zh-CN")}：{ReturnedByName} 在“{from?.Get("zh-CN")}”退回了此申请。" +
            (hasComment ? $"原因：{Comment!.Trim()}" : "未填写原因。");
        var english = $"{target.Get("en")}: {ReturnedByName} returned this submission at \"{from?.Get("en")}\". " +
            (hasComment ? $"Reason: {Comment!.Trim()}" : "No reason was given.");
        return new LocalizedText(chinese, english);
    }
}
