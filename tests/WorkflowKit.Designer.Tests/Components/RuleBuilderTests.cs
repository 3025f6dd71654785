using System.Text.Json.Nodes;
using Bunit;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Designer.Flows;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Components;

[TestFixture]
public sealed class RuleBuilderTests : ComponentTestBase
{
    private static readonly ConditionFieldOption[] Fields =
    [
        new("customer", "Customer", "text"),
        new("total", "Order total", "money"),
    ];

    [Test]
    public void OrGroup_adds_one_rule_on_the_first_field()
    {
        Condition? changed = null;
        var cut = Context.Render<RuleBuilder>(parameters => parameters
            .Add(p => p.Fields, Fields)
            .Add(p => p.ConditionChanged, condition => changed = condition));

        cut.Find("[data-testid=rule-add-group]").Click();

        Assert.That(changed?.Any, Has.Count.EqualTo(1));
        Assert.That(changed!.Any![0].All.Single().Field, Is.EqualTo("customer"));
    }

    [Test]
    public void Typed_number_is_stored_as_a_decimal()
    {
        var condition = Condition.AllOf(new Rule { Field = "total", Operator = RuleOperators.GreaterThan });
        var cut = Context.Render<RuleBuilder>(parameters => parameters
            .Add(p => p.Condition, condition)
            .Add(p => p.Fields, Fields));

        cut.Find("[data-testid=rule-value] input, input[data-testid=rule-value]").Change("500000.50");

        var value = condition.Any![0].All[0].Value;
        Assert.That(value!.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.Number));
        Assert.That(value.GetValue<decimal>(), Is.EqualTo(500000.50m));
    }

    [Test]
    public void List_operator_splits_the_value_at_commas()
    {
        var rule = new Rule { Field = "customer", Operator = RuleOperators.In };

        RuleBuilder.SetValue(rule, "Ruijin, Xiehe");

        Assert.That(rule.Value, Is.InstanceOf<JsonArray>());
        Assert.That(RuleBuilder.ValueText(rule), Is.EqualTo("Ruijin, Xiehe"));
    }

    [Test]
    public void Advanced_mode_turns_rules_into_equivalent_javascript()
    {
        var condition = new Condition
        {
            Any =
            [
                new RuleGroup { All = [new Rule { Field = "total", Operator = RuleOperators.GreaterThan, Value = JsonValue.Create(500000m) }] },
                new RuleGroup { All = [new Rule { Field = "customer", Operator = RuleOperators.IsEmpty }] },
            ],
        };

        var script = ConditionScript.FromRules(condition);

        Assert.That(script, Is.EqualTo("(form.total > 500000) || ((form.customer == null || form.customer === ''))"));
    }
}
