using System.Text.Json.Nodes;
using Bunit;
using MudBlazor;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Json;
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
        new("orderDate", "Order date", "date"),
        new("deliveryDate", "Required delivery date", "date"),
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

    [Test]
    public void Script_keeps_rooted_paths()
    {
        var condition = Condition.AllOf(
            new Rule { Field = "nodes.review.outcome", Operator = RuleOperators.Equal, Value = "rejected" },
            new Rule { Field = "total", Operator = RuleOperators.GreaterThan, ValueField = "vars.limit" });

        var script = ConditionScript.FromRules(condition);

        Assert.That(script, Is.EqualTo("nodes.review.outcome == \"rejected\" && form.total > vars.limit"));
    }

    [Test]
    public void ValueField_rule_shows_the_compared_field()
    {
        var condition = Condition.AllOf(new Rule
        {
            Field = "deliveryDate", Operator = RuleOperators.GreaterThanOrEqual, ValueField = "orderDate",
        });

        var cut = RenderBuilder(condition);

        Assert.That(InputValue(cut, "rule-value-source"), Is.EqualTo("Another field"));
        Assert.That(InputValue(cut, "rule-value-field"), Is.EqualTo("Order date"));
        Assert.That(cut.FindAll("[data-testid=rule-value]"), Is.Empty);
    }

    [Test]
    public async Task Switching_to_a_field_picks_one_of_the_same_type()
    {
        var rule = new Rule
        {
            Field = "deliveryDate", Operator = RuleOperators.GreaterThanOrEqual, Value = JsonValue.Create("2026-12-01"),
        };
        var cut = RenderBuilder(Condition.AllOf(rule));

        await SelectAsync(cut, "rule-value-source", true);

        Assert.That(rule.ValueField, Is.EqualTo("orderDate"));
        Assert.That(rule.Value, Is.Null);
        Assert.That(InputValue(cut, "rule-value-field"), Is.EqualTo("Order date"));
    }

    [Test]
    public async Task Switching_back_to_a_value_drops_the_field()
    {
        var rule = new Rule { Field = "deliveryDate", Operator = RuleOperators.GreaterThan, ValueField = "orderDate" };
        var cut = RenderBuilder(Condition.AllOf(rule));

        await SelectAsync(cut, "rule-value-source", false);
        cut.Find("[data-testid=rule-value] input, input[data-testid=rule-value]").Change("2026-12-01");

        Assert.That(rule.ValueField, Is.Null);
        Assert.That(rule.Value?.GetValue<string>(), Is.EqualTo("2026-12-01"));
        Assert.That(cut.FindAll("[data-testid=rule-value-field]"), Is.Empty);
    }

    [Test]
    public async Task Compared_field_picker_offers_other_fields()
    {
        var rule = new Rule { Field = "deliveryDate", Operator = RuleOperators.GreaterThan, ValueField = "orderDate" };
        var cut = RenderBuilder(Condition.AllOf(rule));
        var picker = SelectOf<string>(cut, "rule-value-field");

        await cut.InvokeAsync(() => picker.Instance.OpenMenu());
        var choices = Popovers.FindAll(".mud-list-item").Select(item => item.TextContent.Trim()).ToList();
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync("total"));

        Assert.That(choices, Is.EqualTo(new[] { "Customer", "Order total", "Order date" }));
        Assert.That(rule.ValueField, Is.EqualTo("total"));
    }

    [Test]
    public void Unknown_compared_field_is_kept_and_shown()
    {
        var rule = new Rule { Field = "deliveryDate", Operator = RuleOperators.GreaterThan, ValueField = "shipDate" };
        var condition = Condition.AllOf(rule);
        var before = DefinitionJson.Serialize(condition);

        var cut = RenderBuilder(condition);

        Assert.That(InputValue(cut, "rule-value-field"), Is.EqualTo("shipDate"));
        Assert.That(DefinitionJson.Serialize(condition), Is.EqualTo(before));
    }

    [Test]
    public async Task Choosing_the_choice_field_drops_a_foreign_value()
    {
        var rule = new Rule { Field = "total", Operator = RuleOperators.GreaterThan, Value = JsonValue.Create(5m) };
        var cut = RenderBuilder(Condition.AllOf(rule), WithOutcome);

        await SelectAsync(cut, "rule-field", "nodes.review.outcome");

        Assert.That(rule.Operator, Is.EqualTo(RuleOperators.Equal));
        Assert.That(rule.Value, Is.Null);
        Assert.That(cut.FindAll("[data-testid=rule-value-choice]"), Has.Count.EqualTo(1));
        Assert.That(cut.FindAll("[data-testid=rule-value-source]"), Is.Empty);
    }

    [Test]
    public void Stored_foreign_value_is_shown_as_is()
    {
        var rule = new Rule { Field = "nodes.review.outcome", Operator = RuleOperators.Equal, Value = "驳回" };

        var cut = RenderBuilder(Condition.AllOf(rule), WithOutcome);

        Assert.That(InputValue(cut, "rule-value-choice"), Is.EqualTo("驳回"));
        Assert.That(rule.Value?.GetValue<string>(), Is.EqualTo("驳回"));
    }

    [Test]
    public async Task List_choice_stores_an_array()
    {
        var rule = new Rule { Field = "nodes.review.outcome", Operator = RuleOperators.In };
        var cut = RenderBuilder(Condition.AllOf(rule), WithOutcome);
        var picker = SelectOf<string>(cut, "rule-value-choice");

        await cut.InvokeAsync(() => picker.Instance.SelectedValuesChanged.InvokeAsync(["approved", "rejected"]));

        Assert.That(rule.Value, Is.InstanceOf<JsonArray>());
        Assert.That(RuleBuilder.ValueText(rule), Is.EqualTo("approved, rejected"));
    }

    [Test]
    public async Task Choice_field_offers_only_equality_operators()
    {
        var rule = new Rule { Field = "nodes.review.outcome", Operator = RuleOperators.Equal };
        var cut = RenderBuilder(Condition.AllOf(rule), WithOutcome);
        var picker = SelectOf<string>(cut, "rule-operator");

        await cut.InvokeAsync(() => picker.Instance.OpenMenu());
        var operators = Popovers.FindAll(".mud-list-item").Select(item => item.TextContent.Trim()).ToList();

        Assert.That(operators, Is.EqualTo(new[] { "equals", "does not equal", "is one of", "is none of" }));
    }

    private static readonly ConditionFieldOption[] WithOutcome =
    [
        new("nodes.review.outcome", "Outcome of this step", "text",
            [new ConditionValueChoice("approved", "Approved"), new ConditionValueChoice("rejected", "Rejected")]),
        .. Fields,
    ];

    private IRenderedComponent<RuleBuilder> RenderBuilder(Condition condition, ConditionFieldOption[] fields) =>
        Context.Render<RuleBuilder>(parameters => parameters
            .Add(p => p.Condition, condition)
            .Add(p => p.Fields, fields));

    private IRenderedComponent<RuleBuilder> RenderBuilder(Condition condition) =>
        Context.Render<RuleBuilder>(parameters => parameters
            .Add(p => p.Condition, condition)
            .Add(p => p.Fields, Fields));

    private static IRenderedComponent<MudSelect<TValue>> SelectOf<TValue>(
        IRenderedComponent<RuleBuilder> cut, string testId) =>
        cut.FindComponents<MudSelect<TValue>>()
            .Single(select => Equals(select.Instance.UserAttributes.GetValueOrDefault("data-testid"), testId));

    private static async Task SelectAsync<TValue>(IRenderedComponent<RuleBuilder> cut, string testId, TValue value)
    {
        var select = SelectOf<TValue>(cut, testId);
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    // The text a select or text field shows: an input's value, or the text of the element that shows the selection.
    private static string InputValue(IRenderedComponent<RuleBuilder> cut, string testId)
    {
        var element = cut.Find($"[data-testid={testId}]");
        return element.TagName == "INPUT" ? element.GetAttribute("value") ?? string.Empty : element.TextContent.Trim();
    }
}
