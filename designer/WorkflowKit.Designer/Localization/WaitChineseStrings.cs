namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of where a running submission waits (<see cref="Portal.InstanceWaitText"/>), in the
/// submission lists and on the instance page, merged into <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class WaitChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Current step"] = "当前步骤",
        ["Waiting at"] = "等待位置",
        ["{0}: waits until {1}"] = "{0}：等待至 {1}",
        ["{0}: waits for the other branches"] = "{0}：等待其他分支到达",
        ["{0}: waits for its sub-flow to end"] = "{0}：等待子流程结束",
        ["{0}: waits for {1} sub-flows to end"] = "{0}：等待 {1} 个子流程结束",
        ["{0}: waits for the reply of its call"] = "{0}：等待调用返回",
        ["{0}: retries at {1}"] = "{0}：将于 {1} 重试",
        ["{0}: stopped at an incident"] = "{0}：因故障停止，等待管理员处理",
    };
}
