using WorkflowKit.Definitions;

namespace WorkflowKit.Runtime.Notifications;

/// <summary>The notification text for the former assignee of a task that escalated at its deadline.</summary>
public static class EscalationNotice
{
    /// <summary>Builds the text in Chinese and English, naming the node and the users who have the task now.</summary>
    public static LocalizedText Message(LocalizedText nodeName, IReadOnlyList<string> newAssigneeNames)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        ArgumentNullException.ThrowIfNull(newAssigneeNames);
        var chinese = $"“{nodeName.Get("zh-CN")}”已过截止时间，系统已将此任务升级给 {string.Join("、", newAssigneeNames)}，" +
            "它已不在您的待办中。";
        var english = $"\"{nodeName.Get("en")}\" passed its deadline, so the system escalated the task to " +
            $"{string.Join(", ", newAssigneeNames)}. It is no longer in your inbox.";
        return new LocalizedText(chinese, english);
    }
}
