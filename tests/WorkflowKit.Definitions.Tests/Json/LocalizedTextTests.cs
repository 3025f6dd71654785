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
    public void Plain_text_edit_becomes_culture_entry()
    {
        var message = new LocalizedText("请检查此值。");

        var edited = message.WithText("zh-CN", "加急时必须填写加急原因");

        Assert.That(edited.Values.Keys, Is.EqualTo(new[] { "zh-CN" }));
        Assert.That(edited.Values["zh-CN"], Is.EqualTo("加急时必须填写加急原因"));
        Assert.That(message.Values[LocalizedText.Neutral], Is.EqualTo("请检查此值。"), "the original is unchanged");
    }

    [Test]
    public void Plain_text_edit_serializes_without_empty_key()
    {
        var edited = new LocalizedText("Check this value.").WithText("en", "Give a reason for an urgent request");

        var json = System.Text.Json.JsonSerializer.Serialize(edited);

        Assert.That(json, Is.EqualTo("{\"en\":\"Give a reason for an urgent request\"}"));
    }

    [Test]
    public void Blank_edit_of_plain_text_empties_it()
    {
        var edited = new LocalizedText("检查此值").WithText("zh-CN", "");

        Assert.That(edited.Values, Is.Empty);
    }
}
