using WorkflowKit.Samples.Model;

namespace WorkflowKit.Samples.Generation;

/// <summary>The four sales regions, each served by one warehouse.</summary>
internal static class Regions
{
    public static IReadOnlyList<SampleRegion> All { get; } =
    [
        new("east", "华东", "sh", "上海中心仓", 1.00m,
            ["上海", "杭州", "南京", "苏州", "宁波", "合肥", "济南", "青岛", "福州", "厦门", "无锡", "温州"]),
        new("north", "华北", "bj", "北京仓", 1.02m,
            ["北京", "天津", "石家庄", "太原", "呼和浩特", "唐山", "保定", "大同", "沧州", "包头"]),
        new("south", "华南", "gz", "广州仓", 0.98m,
            ["广州", "深圳", "南宁", "海口", "佛山", "东莞", "珠海", "汕头", "桂林", "湛江"]),
        new("west", "西部", "cd", "成都仓", 1.04m,
            ["成都", "重庆", "西安", "昆明", "贵阳", "兰州", "乌鲁木齐", "银川", "西宁", "绵阳"]),
    ];
}
