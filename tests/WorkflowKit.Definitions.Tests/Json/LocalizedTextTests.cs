namespace WorkflowKit.Definitions.Tests.Json;

/// <summary>Editing one language of a text keeps the others.</summary>
[TestFixture]
public sealed class LocalizedTextTests
{
    [Test]
    public void English_edit_keeps_chinese()
    {
        var message = new LocalizedText("要求到货日期不能早于订单日期", "The delivery date is too early");

        var edited = message.WithText("en", "Delivery cannot be before the order date");

        Assert.That(edited.Values["zh-CN"], Is.EqualTo("要求到货日期不能早于订单日期"));
        Assert.That(edited.Values["en"], Is.EqualTo("Delivery cannot be before the order date"));
        Assert.That(message.Values["en"], Is.EqualTo("The delivery date is too early"), "the original is unchanged");
    }

    [Test]
    public void Blank_edit_removes_that_language()
    {
        var message = new LocalizedText("必填", "Required");

        var edited = message.WithText("en", " ");

        Assert.That(edited.Values.Keys, Is.EqualTo(new[] { "zh-CN" }));
    }

    [Test]
    public void Plain_text_stays_for_other_languages()
    {
        var message = new LocalizedText("检查此值");

        var edited = message.WithText("en", "Check this value");

        Assert.That(edited.Get("zh-CN"), Is.EqualTo("检查此值"));
        Assert.That(edited.Get("en"), Is.EqualTo("Check this value"));
    }
}
