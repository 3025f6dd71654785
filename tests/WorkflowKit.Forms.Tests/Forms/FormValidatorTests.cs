using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Organization;

namespace WorkflowKit.Forms.Tests.Forms;

public sealed class FormValidatorTests
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    private static FormDefinition Order()
    {
        var credit = TestForms.Field("creditLimit", FieldTypes.Money, "信用额度", "Credit limit");
        credit.Min = 0;
        credit.Max = 1000000;
        var name = TestForms.Field("name", FieldTypes.Text, "名称", "Name");
        name.Required = true;
        name.MaxLength = 5;
        var code = TestForms.Field("code", FieldTypes.Text, "代码", "Code");
        code.Pattern = "[A-Z]{2}\\d+";
        var tier = TestForms.Field("tier", FieldTypes.SingleSelect, "等级", "Tier");
        tier.Options = [TestForms.Option("A"), TestForms.Option("B")];
        var due = TestForms.Field("due", FieldTypes.Date, "到期日", "Due");
        due.Min = "2024-01-01";
        var owner = TestForms.Field("owner", FieldTypes.Member, "负责人", "Owner");
        var quantity = TestForms.Field("quantity", FieldTypes.Number, "数量", "Quantity");
        quantity.Min = 1;
        quantity.Scale = 0;
        var product = TestForms.Field("product", FieldTypes.Text, "产品", "Product");
        product.Required = true;
        var lines = TestForms.Field("lines", FieldTypes.SubTable, "明细", "Lines");
        lines.Fields = [product, quantity];
        lines.MinRows = 1;
        lines.MaxRows = 3;
        return new FormDefinition
        {
            Key = "order",
            Fields = [name, credit, code, tier, due, owner, lines],
        };
    }

    private static FormValidatorFactory Factory() => new(new FormValidationServices
    {
        Directory = new InMemoryOrganizationDirectory()
            .Add(new OrgUser("u1", "Wang", null, [], new Dictionary<string, string>())),
    });

    private static async Task<IReadOnlyList<FieldError>> ValidateAsync(string json, CultureInfo culture)
    {
        var validator = Factory().Create(Order(), culture);
        var result = await validator.ValidateAsync(new FormSubmission((JsonObject)JsonNode.Parse(json)!));
        return [.. result.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorCode, e.ErrorMessage, null))];
    }

    private const string ValidOrder =
        """{"name":"协和","creditLimit":1500.50,"code":"SH12","tier":"A","due":"2024-03-05","owner":"u1",""" +
        "\"lines\":[{\"product\":\"p\",\"quantity\":2}]}";

    [Test]
    public async Task Valid_order_passes()
    {
        var errors = await ValidateAsync(ValidOrder, En);

        Assert.That(errors, Is.Empty);
    }

    [Test]
    public async Task Minimum_message_names_label_and_value_in_chinese()
    {
        var errors = await ValidateAsync(ValidOrder.Replace("1500.50", "-5"), Zh);

        Assert.That(errors.Single().Message, Is.EqualTo("“信用额度” 的值 -5 小于最小值 0"));
        Assert.That(errors.Single().Path, Is.EqualTo("creditLimit"));
        Assert.That(errors.Single().Code, Is.EqualTo("range"));
    }

    [Test]
    public async Task Minimum_message_in_english()
    {
        var errors = await ValidateAsync(ValidOrder.Replace("1500.50", "-5"), En);

        Assert.That(errors.Single().Message, Is.EqualTo("\"Credit limit\" value -5 is less than the minimum 0"));
    }

    [TestCase("\"abc\"", "type", "\"Credit limit\" expects a number, got \"abc\"")]
    [TestCase("0.30000000000000004", "scale",
        "\"Credit limit\" value 0.30000000000000004 has more than 2 decimal places")]
    [TestCase("2000000", "range", "\"Credit limit\" value 2000000 is greater than the maximum 1000000")]
    public async Task Money_rules(string value, string code, string message)
    {
        var errors = await ValidateAsync(ValidOrder.Replace("1500.50", value), En);

        Assert.That(errors.Select(e => (e.Code, e.Message)), Is.EqualTo(new[] { (code, message) }));
    }

    [TestCase("en", "\"Quantity\" value 7.6 must be a whole number")]
    [TestCase("zh-CN", "“数量” 的值 7.6 必须是整数")]
    public async Task Whole_number_field_says_whole_number(string culture, string message)
    {
        var errors = await ValidateAsync(
            ValidOrder.Replace("\"quantity\":2", "\"quantity\":7.6"), CultureInfo.GetCultureInfo(culture));

        Assert.That(errors.Select(e => (e.Code, e.Message)), Is.EqualTo(new[] { ("scale", message) }));
    }

    [Test]
    public async Task Money_double_with_too_many_decimals_is_rejected()
    {
        var data = (JsonObject)JsonNode.Parse(ValidOrder)!;
        data["creditLimit"] = 0.1 + 0.2;
        var validator = Factory().Create(Order(), En);

        var result = await validator.ValidateAsync(new FormSubmission(data));

        Assert.That(result.Errors.Select(e => e.ErrorCode), Is.EqualTo(new[] { "scale" }));
    }

    [Test]
    public async Task Required_and_length_and_pattern()
    {
        var missing = await ValidateAsync(ValidOrder.Replace("\"name\":\"协和\",", ""), En);
        var tooLong = await ValidateAsync(ValidOrder.Replace("协和", "协和医院北京分院"), Zh);
        var badCode = await ValidateAsync(ValidOrder.Replace("SH12", "xSH12"), En);

        Assert.That(missing.Single().Message, Is.EqualTo("\"Name\" is required"));
        Assert.That(tooLong.Single().Message, Is.EqualTo("“名称” 的长度为 8 个字符，最多允许 5 个"));
        Assert.That(badCode.Single().Message,
            Is.EqualTo("\"Code\" value \"xSH12\" does not match the pattern [A-Z]{2}\\d+"));
    }

    [Test]
    public async Task Pattern_is_anchored_unless_stated()
    {
        var form = new FormDefinition { Key = "f", Fields = [TestForms.Field("c", FieldTypes.Text, "c", "c")] };
        form.Fields[0].Pattern = "\\d+";
        var anchored = Factory().Create(form, En);
        var unanchoredForm = new FormDefinition { Key = "g", Fields = [TestForms.Field("c", FieldTypes.Text, "c",
            "c")] };
        unanchoredForm.Fields[0].Pattern = "\\d+";
        unanchoredForm.Fields[0].PatternAnchored = false;
        var unanchored = Factory().Create(unanchoredForm, En);
        var data = new FormSubmission(new JsonObject { ["c"] = "ab12" });

        Assert.That((await anchored.ValidateAsync(data)).IsValid, Is.False);
        Assert.That((await unanchored.ValidateAsync(data)).IsValid, Is.True);
    }

    [Test]
    public async Task Select_member_and_date_rules()
    {
        var errors = await ValidateAsync(
            ValidOrder.Replace("\"tier\":\"A\"", "\"tier\":\"C\"").Replace("\"u1\"", "\"u9\"").Replace("2024-03-05",
                "2023-12-31"),
            En);

        Assert.That(errors.Select(e => e.Message), Is.EquivalentTo(new[]
        {
            "\"Tier\" value \"C\" is not one of the options (A, B)",
            "\"Owner\": member \"u9\" does not exist",
            "\"Due\" value \"2023-12-31\" is less than the minimum 2024-01-01",
        }));
    }

    [Test]
    public async Task Sub_table_errors_carry_row_paths()
    {
        var errors = await ValidateAsync(
            ValidOrder.Replace(
                "[{\"product\":\"p\",\"quantity\":2}]",
                "[{\"product\":\"p\",\"quantity\":2},{\"product\":\"q\",\"quantity\":1},{\"quantity\":0}]"),
            En);

        Assert.That(errors.Select(e => (e.Path, e.Code)), Is.EquivalentTo(new[]
        {
            ("lines[2].product", "required"), ("lines[2].quantity", "range"),
        }));
    }

    [Test]
    public async Task Sub_table_row_count_limits()
    {
        var none = await ValidateAsync(ValidOrder.Replace("[{\"product\":\"p\",\"quantity\":2}]", "[]"), Zh);
        var four = await ValidateAsync(
            ValidOrder.Replace("[{\"product\":\"p\",\"quantity\":2}]",
                string.Concat(Enumerable.Repeat("{\"product\":\"p\",\"quantity\":2},", 4)).TrimEnd(',').Insert(0, "[")
                    + "]"),
            En);

        Assert.That(none.Single().Message, Is.EqualTo("“明细” 至少需要 1 行，当前 0 行"));
        Assert.That(four.Single().Message, Is.EqualTo("\"Lines\" allows at most 3 rows, has 4"));
    }

    [Test]
    public async Task Unknown_field_is_reported()
    {
        var errors = await ValidateAsync(ValidOrder.Replace("{\"name\"", "{\"colour\":\"red\",\"name\""), En);

        Assert.That(errors.Select(e => (e.Path, e.Code)), Is.EqualTo(new[] { ("colour", "unknownField") }));
    }

    [Test]
    public void Unique_field_without_store_is_a_clear_error()
    {
        var form = new FormDefinition { Key = "f", Fields = [TestForms.Field("c", FieldTypes.Text, "c", "c")] };
        form.Fields[0].Unique = true;

        var error = Assert.Throws<InvalidOperationException>(() => Factory().Create(form, En));

        Assert.That(error!.Message, Does.Contain("Field 'c' of form 'f' needs a record store"));
    }

    [Test]
    public void Label_falls_back_to_neutral_text()
    {
        var field = new FieldDefinition { Id = "x", Type = FieldTypes.Number, Label = new LocalizedText("数量"),
            Min = 1 };
        var form = new FormDefinition { Key = "f", Fields = [field] };

        var result = Factory().Create(form, En).Validate(new FormSubmission(new JsonObject { ["x"] = 0 }));

        Assert.That(result.Errors.Single().ErrorMessage, Is.EqualTo("\"数量\" value 0 is less than the minimum 1"));
    }
}
