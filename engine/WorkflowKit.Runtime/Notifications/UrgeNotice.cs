using WorkflowKit.Definitions;

namespace WorkflowKit.Runtime.Notifications;

/// <summary>
/// An urge (催办) of one open task: who urged, the submission's title, and the comment. The assignee's notification
/// reads <see cref="Message"/>, so it names the submission and the person waiting for it, not only the step.
/// </summary>
public sealed record UrgeNotice(string UrgedByName, string? InstanceTitle, string? Comment)
{
    /// <summary>Builds the notification text in Chinese and English, with the title and the comment trimmed.</summary>
    public LocalizedText Message(LocalizedText? nodeName, string nodeId)
    {
        var node = nodeName ?? new LocalizedText(nodeId);
        var hasTitle = !string.IsNullOrWhiteSpace(InstanceTitle);
        var hasComment = !string.IsNullOrWhiteSpace(Comment);
        var chinese = $"{node.Get("zh-CN")}：{UrgedByName} 催办" +
            (hasTitle ? $"“{InstanceTitle!.Trim()}”。" : "此申请。") +
            (hasComment ? $"留言：{Comment!.Trim()}" : string.Empty);
        var english = $"{node.Get("en")}: {UrgedByName} asks you to handle " +
            (hasTitle ? $"\"{InstanceTitle!.Trim()}\"." : "this submission.") +
            (hasComment ? $" Comment: {Comment!.Trim()}" : string.Empty);
        return new LocalizedText(chinese, english);
    }
}
