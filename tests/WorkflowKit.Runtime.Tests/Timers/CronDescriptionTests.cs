using WorkflowKit.Runtime.Schedules;

namespace WorkflowKit.Runtime.Tests.Timers;

public sealed class CronDescriptionTests
{
    [TestCase("0 2 * * *", "Every day at 02:00", "每天 02:00")]
    [TestCase("0 6 1 * *", "On day 1 of every month at 06:00", "每月 1 日 06:00")]
    [TestCase("0 8 * * 1-5", "Monday to Friday at 08:00", "每周一至周五 08:00")]
    [TestCase("30 9 * * 1,3", "Every Monday and Wednesday at 09:30", "每周一、周三 09:30")]
    [TestCase("0 7 * * 0,7", "Every Sunday at 07:00", "每周日 07:00")]
    [TestCase("0 8,14,20 * * *", "Every day at 08:00, 14:00 and 20:00", "每天 08:00、14:00、20:00")]
    [TestCase("0 6 1 1,4,7,10 *", "On day 1 of January, April, July and October at 06:00", "1、4、7、10 月 1 日 06:00")]
    [TestCase("*/15 * * * *", "Every 15 minutes", "每 15 分钟")]
    [TestCase("5 */2 * * *", "Every 2 hours at minute 5", "每 2 小时的第 5 分钟")]
    [TestCase("*/10 * * * 1-5", "Monday to Friday, every 10 minutes", "每周一至周五，每 10 分钟")]
    public void Describe_words_common_shape(string cron, string english, string chinese)
    {
        var text = CronDescription.Describe(cron);

        Assert.That(text.Get("en"), Is.EqualTo(english));
        Assert.That(text.Get("zh-CN"), Is.EqualTo(chinese));
    }

    [TestCase("0 2 1 * 1")]
    [TestCase("0 2 L * *")]
    [TestCase("0 1-5/2 * * *")]
    [TestCase("0 0 2 * * *")]
    public void Describe_keeps_unusual_expression(string cron)
    {
        var text = CronDescription.Describe(cron);

        Assert.That(text.Get("en"), Is.EqualTo($"On cron schedule {cron}"));
        Assert.That(text.Get("zh-CN"), Is.EqualTo($"按 cron 表达式 {cron} 运行"));
    }
}
