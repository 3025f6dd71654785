using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Expressions;
using WorkflowKit.Forms.Tests.Support;

namespace WorkflowKit.Forms.Tests.Forms;

public sealed class FormulaGraphTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    // 2024-03-05 17:00 UTC is already 6 March in Shanghai.
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2024, 3, 5, 17, 0, 0, TimeSpan.Zero));

    private static readonly ExpressionFormulaEvaluator Evaluator =
        new(new FormulaEngine(Time), new ScriptHost(timeProvider: Time));

    private static FieldDefinition Computed(string id, string type, Expression formula, int? scale = null)
    {
        var field = TestForms.Field(id, type, id, id);
        field.Formula = formula;
        field.Scale = scale;
        return field;
    }

    private static FormDefinition Order()
    {
        var lines = TestForms.Field("lines", FieldTypes.SubTable, "明细", "Lines");
        lines.Fields =
        [
            TestForms.Field("qty", FieldTypes.Number, "数量", "Qty"),
            TestForms.Field("price", FieldTypes.Money, "单价", "Price"),
            Computed("amount", FieldTypes.Formula, new Expression { Formula = "row.qty * row.price" }),
        ];
        var ordered = TestForms.Field("ordered", FieldTypes.Date, "下单日", "Ordered");
        ordered.DefaultExpression = new Expression { Formula = "TODAY()" };
        var channel = TestForms.Field("channel", FieldTypes.Text, "渠道", "Channel");
        channel.Default = "direct";
        return new FormDefinition
        {
            Key = "order",
            Fields =
            [
                // Declared out of dependency order on purpose.
                Computed("total", FieldTypes.Formula, new Expression { Formula = "subtotal + tax" }),
                Computed("tax", FieldTypes.Formula, new Expression { JavaScript = "form.subtotal * rate" }, scale: 2),
                TestForms.Field("rate", FieldTypes.Number, "税率", "Rate"),
                Computed("subtotal", FieldTypes.Formula, new Expression { Formula = "SUM(lines.amount)" }),
                TestForms.Field("note", FieldTypes.Text, "备注", "Note"),
                ordered,
                channel,
                lines,
            ],
        };
    }

    private static JsonObject Data() => (JsonObject)JsonNode.Parse(
        """{"rate":0.13,"note":"x","lines":[{"qty":3,"price":0.1},{"qty":2,"price":1234.55}]}""")!;

    [Test]
    public void Order_puts_each_formula_after_what_it_reads()
    {
        var graph = FormulaGraph.Build(Order(), Evaluator);

        Assert.That(graph.Order, Is.EqualTo(new[] { "lines.amount", "subtotal", "tax", "total" }));
    }

    [Test]
    public void Recalculate_all_keeps_money_decimal()
    {
        var data = Data();

        FormulaGraph.Build(Order(), Evaluator).RecalculateAll(data, None);

        Assert.That(data["lines"]![0]!["amount"]!.GetValue<decimal>(), Is.EqualTo(0.3m));
        Assert.That(data["subtotal"]!.GetValue<decimal>(), Is.EqualTo(2469.4m));
        Assert.That(data["tax"]!.GetValue<decimal>(), Is.EqualTo(321.02m));
        Assert.That(data["total"]!.GetValue<decimal>(), Is.EqualTo(2790.42m));
    }

    [Test]
    public void Unrelated_change_recomputes_nothing()
    {
        var graph = FormulaGraph.Build(Order(), Evaluator);
        var data = Data();
        graph.RecalculateAll(data, None);
        data["total"] = 1;

        var recomputed = graph.Recalculate(data, ["note"], None);

        Assert.That(recomputed, Is.Empty);
        Assert.That(data["total"]!.GetValue<int>(), Is.EqualTo(1), "no formula ran");
    }

    [Test]
    public void Cell_change_recomputes_its_dependents_in_order()
    {
        var graph = FormulaGraph.Build(Order(), Evaluator);
        var data = Data();
        graph.RecalculateAll(data, None);
        data["lines"]![1]!["qty"] = 1;

        var recomputed = graph.Recalculate(data, ["lines[1].qty"], None);

        Assert.That(recomputed, Is.EqualTo(new[] { "lines.amount", "subtotal", "tax", "total" }));
        Assert.That(data["total"]!.GetValue<decimal>(), Is.EqualTo(1395.38m));
    }

    [Test]
    public void Rate_change_skips_the_rows()
    {
        var graph = FormulaGraph.Build(Order(), Evaluator);
        var data = Data();
        graph.RecalculateAll(data, None);
        data["rate"] = 0.06;

        var recomputed = graph.Recalculate(data, ["rate"], None);

        Assert.That(recomputed, Is.EqualTo(new[] { "tax", "total" }));
    }

    [Test]
    public void Cycle_is_reported_with_its_path()
    {
        var form = new FormDefinition
        {
            Key = "loop",
            Fields =
            [
                Computed("a", FieldTypes.Formula, new Expression { Formula = "b + 1" }),
                Computed("b", FieldTypes.Formula, new Expression { JavaScript = "form.a * 2" }),
            ],
        };

        var error = Assert.Throws<InvalidOperationException>(() => FormulaGraph.Build(form, Evaluator));

        Assert.That(error!.Message, Does.Contain("read each other in a cycle: a → b → a"));
    }

    [Test]
    public void Defaults_fill_empty_fields_in_the_tenant_zone()
    {
        var data = new JsonObject { ["channel"] = "agent" };

        var filled = FormulaGraph.Build(Order(), Evaluator).ApplyDefaults(data, None);

        Assert.That(filled, Is.EqualTo(new[] { "ordered" }));
        Assert.That(data["ordered"]!.GetValue<string>(), Is.EqualTo("2024-03-06"));
        Assert.That(data["channel"]!.GetValue<string>(), Is.EqualTo("agent"));
    }

    [Test]
    public void Failing_formula_names_the_cell()
    {
        var form = Order();
        form.Fields[7].Fields![2].Formula = new Expression { Formula = "row.price / row.qty" };
        var data = Data();
        data["lines"]![1]!["qty"] = 0;

        var error = Assert.Throws<FormulaEvaluationException>(() =>
            FormulaGraph.Build(form, Evaluator).RecalculateAll(data, None));

        Assert.That(error!.Path, Is.EqualTo("lines[1].amount"));
    }
}
