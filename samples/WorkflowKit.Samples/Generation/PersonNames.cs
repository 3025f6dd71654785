namespace WorkflowKit.Samples.Generation;

/// <summary>Draws distinct Chinese personal names from common surnames and given names.</summary>
internal sealed class PersonNames
{
    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
        "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    ];

    private static readonly string[] GivenNames =
    [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞",
        "平", "刚", "秀英", "桂英", "建华", "晓燕", "志强", "海燕", "文博", "思远", "雨晴", "子涵", "嘉怡", "浩然",
    ];

    private readonly SeededRandom _random;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public PersonNames(SeededRandom random)
    {
        _random = random;
    }

    public string Next()
    {
        while (true)
        {
            var name = _random.Pick(Surnames) + _random.Pick(GivenNames);
            if (_used.Add(name))
            {
                return name;
            }
        }
    }
}
