using WorkflowKit.Designer.Localization;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Tests.Localization;

/// <summary>Screen times follow the engine's tenant time zone, with its daylight-saving changes.</summary>
[TestFixture]
public sealed class TenantTimeTests
{
    [Test]
    public void Default_zone_is_shanghai()
    {
        var times = new TenantTime(new EngineOptions());

        Assert.That(times.Format(new DateTimeOffset(2026, 12, 5, 17, 34, 0, TimeSpan.Zero)), Is.EqualTo("2026-12-06 01:34"));
        Assert.That(times.Caption(new UiText { Culture = "zh-CN" }), Is.EqualTo("时间按 Asia/Shanghai 时区显示"));
        Assert.That(times.Caption(new UiText { Culture = "en" }), Is.EqualTo("Times in Asia/Shanghai"));
    }

    [TestCase(1, "2026-01-15 13:00")]
    [TestCase(7, "2026-07-15 14:00")]
    public void Configured_zone_follows_daylight_saving(int month, string expected)
    {
        var times = new TenantTime(new EngineOptions { TimeZone = "Europe/Berlin" });

        Assert.That(times.Format(new DateTimeOffset(2026, month, 15, 12, 0, 0, TimeSpan.Zero)), Is.EqualTo(expected));
    }

    [Test]
    public void Missing_time_is_empty()
    {
        Assert.That(new TenantTime(new EngineOptions()).Format((DateTimeOffset?)null), Is.Empty);
    }
}
