using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Forms.Tests.Forms;

public sealed class FormRuleFieldsTests
{
    private static readonly object[] UserReads =
    [
        new object[] { "javaScript reading user", Condition.Script("user.region === 'east'"), true },
        new object[] { "javaScript indexing user", Condition.Script("user['region'] === 'east'"), true },
        new object[] { "javaScript naming username", Condition.Script("form.username !== ''"), true },
        new object[] { "javaScript on fields only", Condition.Script("form.total <= form.limit"), false },
        new object[] { "rule on a user path", Condition.AllOf(Compare("user.region", valueField: null)), true },
        new object[] { "rule on the user root", Condition.AllOf(Compare("user", valueField: null)), true },
        new object[]
        {
            "rule with a user valueField", Condition.AllOf(Compare("region", valueField: "user.region")), true,
        },
        new object[]
        {
            "rule with valueFrom", Condition.AllOf(new Rule { Field = "region", ValueFrom = "user.region" }), true,
        },
        new object[] { "rule on field username", Condition.AllOf(Compare("username", valueField: null)), false },
        new object[] { "rule on a form field", Condition.AllOf(Compare("total", valueField: "limit")), false },
    ];

    [TestCaseSource(nameof(UserReads))]
    public void Form_rule_reads_user(string name, Condition condition, bool expected)
    {
        var form = Form(formRules: [RuleOf(condition)], rowRules: null);

        Assert.That(FormRuleFields.ReadsUser(form), Is.EqualTo(expected), name);
    }

    [TestCaseSource(nameof(UserReads))]
    public void Row_rule_reads_user(string name, Condition condition, bool expected)
    {
        var form = Form(formRules: null, rowRules: [RuleOf(condition)]);

        Assert.That(FormRuleFields.ReadsUser(form), Is.EqualTo(expected), name);
    }

    [Test]
    public void Form_without_rules_reads_no_user()
    {
        Assert.That(FormRuleFields.ReadsUser(Form(formRules: null, rowRules: null)), Is.False);
    }

    private static Rule Compare(string field, string? valueField) =>
        new() { Field = field, Operator = RuleOperators.Equal, Value = "east", ValueField = valueField };

    private static FormRule RuleOf(Condition condition) =>
        new() { Id = "rule", Condition = condition, Message = new LocalizedText("broken"), Fields = ["total"] };

    private static FormDefinition Form(List<FormRule>? formRules, List<FormRule>? rowRules) => new()
    {
        Key = "order",
        Name = new LocalizedText("Order"),
        Rules = formRules,
        Fields =
        [
            new FieldDefinition { Id = "total", Type = FieldTypes.Money, Label = new LocalizedText("Total") },
            new FieldDefinition
            {
                Id = "lines",
                Type = FieldTypes.SubTable,
                Label = new LocalizedText("Lines"),
                Fields =
                [
                    new FieldDefinition { Id = "qty", Type = FieldTypes.Number, Label = new LocalizedText("Qty") },
                ],
                RowRules = rowRules,
            },
        ],
    };
}
