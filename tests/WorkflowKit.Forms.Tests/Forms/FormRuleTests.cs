using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Expressions;
using WorkflowKit.Forms.Tests.Support;

namespace WorkflowKit.Forms.Tests.Forms;

public sealed class FormRuleTests
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");
    private static readonly ConditionEvaluator Conditions = new(new ScriptHost());

    private static FormDefinition Order()
    {
        var quantity = TestForms.Field("quantity", FieldTypes.Number, "数量", "Quantity");
        var shipped = TestForms.Field("shipped", FieldTypes.Number, "已发", "Shipped");
        var lines = TestForms.Field("lines", FieldTypes.SubTable, "明细", "Lines");
        lines.Fields = [quantity, shipped];
        lines.RowRules =
        [
            new FormRule
            {
                Id = "shipped-le-quantity",
                Condition = Condition.AllOf(new Rule { Field = "shipped", Operator = "lte",
                    ValueField = "row.quantity" }),
                Message = new LocalizedText(
                    "已发数量 {{shipped}} 不能超过数量 {{row.quantity}}",
                    "Shipped {{shipped}} cannot exceed the quantity {{row.quantity}}{{form.missing}}"),
                Fields = ["shipped"],
            },
        ];
        return new FormDefinition
        {
            Key = "order",
            Fields =
            [
                TestForms.Field("start", FieldTypes.Date, "开始", "Start"),
                TestForms.Field("end", FieldTypes.Date, "结束", "End"),
                TestForms.Field("total", FieldTypes.Money, "合计", "Total"),
                lines,
            ],
            Rules =
            [
                new FormRule
                {
                    Id = "end-after-start",
                    Condition = new Condition
                    {
                        Any =
                        [
                            new RuleGroup { All = [new Rule { Field = "end", Operator = "isEmpty" }] },
                            new RuleGroup { All = [new Rule { Field = "end", Operator = "gte",
                                ValueField = "start" }] },
                        ],
                    },
                    Message = new LocalizedText("结束日期不能早于开始日期", "The end date cannot be before the start date"),
                    Fields = ["end", "start"],
                },
                new FormRule
                {
                    Id = "big-order-needs-vip",
                    Condition = Condition.Script("!(form.total >= 100000) || (user != null && user.level == 'vip')"),
                    Message = new LocalizedText("大额订单需要 VIP", "Orders of 100,000 or more need a VIP user"),
                    Fields = ["total"],
                },
            ],
        };
    }

    private static async Task<List<(string Path, string Code, string Message)>> ValidateAsync(
        string json, JsonObject? user = null, params string[] unread)
    {
        var factory = new FormValidatorFactory(new FormValidationServices { Conditions = Conditions });
        var result = await factory.Create(Order(), En).ValidateAsync(
            new FormSubmission((JsonObject)JsonNode.Parse(json)!) { User = user, UnreadFields = unread.ToHashSet() });
        return [.. result.Errors.Select(e => (e.PropertyName, e.ErrorCode, e.ErrorMessage))];
    }

    [Test]
    public async Task Cross_field_rule_reports_on_its_first_field()
    {
        var errors = await ValidateAsync("""{"start":"2024-03-05","end":"2024-03-01"}""");

        Assert.That(errors, Is.EqualTo(new[] { ("end", "rule", "The end date cannot be before the start date") }));
    }

    [Test]
    public async Task JavaScript_rule_reads_the_user()
    {
        var plain = await ValidateAsync("""{"total":150000}""", new JsonObject { ["level"] = "normal" });
        var vip = await ValidateAsync("""{"total":150000}""", new JsonObject { ["level"] = "vip" });

        Assert.That(plain.Select(e => e.Path), Is.EqualTo(new[] { "total" }));
        Assert.That(vip, Is.Empty);
    }

    [Test]
    public async Task Row_rule_sees_its_own_row()
    {
        var errors = await ValidateAsync(
            """{"lines":[{"quantity":5,"shipped":5},{"quantity":2,"shipped":3},{"quantity":9,"shipped":1}]}""");

        Assert.That(errors, Is.EqualTo(new[] { ("lines[1].shipped", "rule", "Row 2: Shipped 3 cannot exceed the quantity 2") }));
    }

    [Test]
    public async Task Row_rule_message_writes_numbers_in_full()
    {
        var errors = await ValidateAsync("""{"lines":[{"quantity":2.5,"shipped":1e12}]}""");

        Assert.That(errors.Single().Message, Is.EqualTo("Row 1: Shipped 1,000,000,000,000 cannot exceed the quantity 2.5"));
    }

    [Test]
    public async Task Rules_reading_unread_fields_are_skipped()
    {
        var checkedRules = await ValidateAsync("""{"end":"2024-03-01"}""", new JsonObject { ["level"] = "normal" });
        var withoutStart = await ValidateAsync(
            """{"end":"2024-03-01"}""", new JsonObject { ["level"] = "normal" }, "start");
        var withoutTotal = await ValidateAsync(
            """{"start":"2024-03-05","end":"2024-03-01"}""", new JsonObject { ["level"] = "normal" }, "total");

        Assert.That(checkedRules.Select(e => e.Path), Is.EqualTo(new[] { "end" }), "a missing start fails the rule");
        Assert.That(withoutStart, Is.Empty, "the structured rule reads start");
        Assert.That(withoutTotal.Select(e => e.Path), Is.EqualTo(new[] { "end" }), "only the script reads total");
    }

    [Test]
    public async Task Failing_script_is_rule_error()
    {
        var form = Order();
        form.Rules![1].Condition = Condition.Script("while (true) {}");
        var factory = new FormValidatorFactory(new FormValidationServices { Conditions = Conditions });

        var result = await factory.Create(form, En).ValidateAsync(new FormSubmission(new JsonObject { ["total"] = 1 }));

        Assert.That(result.Errors.Single().ErrorCode, Is.EqualTo("ruleError"));
        Assert.That(result.Errors.Single().ErrorMessage,
            Does.StartWith("Rule \"big-order-needs-vip\" could not be evaluated"));
    }

    [Test]
    public void Rules_without_an_evaluator_are_a_clear_error()
    {
        var factory = new FormValidatorFactory(new FormValidationServices());

        var error = Assert.Throws<InvalidOperationException>(() => factory.Create(Order(), En));

        Assert.That(error!.Message, Does.Contain("set FormValidationServices.Conditions"));
    }
}
