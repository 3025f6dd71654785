namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the forecast dashboard's model names and accuracy marks
/// (<c>Portal/ForecastModelLabels</c>, <c>Portal/ForecastDashboardPage</c>), merged into
/// <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class ForecastChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Last month repeated"] = "沿用上月",
        ["Exponential smoothing"] = "指数平滑",
        ["Seasonal exponential smoothing"] = "季节指数平滑",
        ["Damped trend"] = "阻尼趋势",
        ["Holt-Winters, additive season"] = "Holt-Winters（加法季节）",
        ["Holt-Winters, multiplicative season"] = "Holt-Winters（乘法季节）",
        ["Theta method"] = "Theta 法",
        ["Intermittent demand (Croston)"] = "间歇需求（Croston）",
        ["Gradient-boosted trees"] = "梯度提升树",
        ["Blend of models"] = "多模型混合",
        ["Mean of three smoothing models"] = "三种平滑模型的平均",
        ["No demand"] = "无需求",
        ["No forecast"] = "无预测",
        ["Moving average of {0} months"] = "{0} 个月移动平均",
        ["{0}, outliers removed"] = "{0}（已剔除异常值）",
        ["Differs by month"] = "各月不同",
        ["Month {0}: {1}"] = "第 {0} 个月：{1}",
        ["Low"] = "偏低",
        ["Backtest accuracy is below {0}, so its forecast is only a rough guide. Check such a forecast before acting on a replenishment of the product."] =
            "回测准确率低于 {0}，其预测只能作粗略参考。为这类产品补货前请先核对预测。",
    };
}
