using WorkflowKit.Designer.Forms;

namespace WorkflowKit.Designer.Tests.Forms;

/// <summary>Keys and field ids that the designer offers in place of one that cannot be used.</summary>
public sealed class KeySuggestionsTests
{
    [TestCase("销售订单", "Sales order", "sales-order")]
    [TestCase("sales order", "销售订单", "sales-order")]
    [TestCase("2024 order", null, "order-2024")]
    [TestCase("2024order", null, "order-2024")]
    [TestCase("", "Customer Visit (North)", "customer-visit-north")]
    public void Definition_key_from_key_or_name(string typed, string? name, string expected) =>
        Assert.That(KeySuggestions.DefinitionKey(typed, name), Is.EqualTo(expected));

    [Test]
    public void Definition_key_absent_without_latin_letters() =>
        Assert.That(KeySuggestions.DefinitionKey("销售 订单", "客户拜访 2024"), Is.Null);

    [Test]
    public void Definition_key_capped_at_100_characters()
    {
        var key = KeySuggestions.DefinitionKey(string.Join(' ', Enumerable.Repeat("order", 40)), null);

        Assert.That(key, Has.Length.LessThanOrEqualTo(100));
        Assert.That(key, Does.StartWith("order-order-"));
        Assert.That(key, Does.Not.EndWith("-"));
    }

    [TestCase("送货 date", "送货日期", "date")]
    [TestCase("送货日期", "Delivery date", "deliveryDate")]
    [TestCase("2 batch", null, "batch2")]
    [TestCase("Batch no", null, "batchNo")]
    public void Field_id_from_id_or_label(string typed, string? label, string expected) =>
        Assert.That(KeySuggestions.FieldId(typed, label, []), Is.EqualTo(expected));

    [Test]
    public void Field_id_numbered_past_taken_ids() =>
        Assert.That(KeySuggestions.FieldId("送货", "Delivery date", ["deliveryDate", "deliveryDate2"]),
            Is.EqualTo("deliveryDate3"));

    [TestCase("deliveryDate", true)]
    [TestCase("_internal", true)]
    [TestCase("送货日期", false)]
    [TestCase("delivery date", false)]
    [TestCase("1stLine", false)]
    [TestCase("a-b", false)]
    public void Field_id_validity(string id, bool valid) =>
        Assert.That(KeySuggestions.IsValidFieldId(id), Is.EqualTo(valid));
}
