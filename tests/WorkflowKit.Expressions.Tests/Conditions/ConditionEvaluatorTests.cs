using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;

namespace WorkflowKit.Expressions.Tests.Conditions;

public sealed class ConditionEvaluatorTests
{
    private static readonly ConditionEvaluator Evaluator = new(new ScriptHost());

    private static ConditionContext Context() => new()
    {
        Form = (JsonObject)JsonNode.Parse("""
            {
              "total": 1500.50, "customer": "Ruijin Hospital", "note": "", "tags": ["urgent", "cold-chain"],
              "due": "2024-06-30", "signedAt": "2024-06-01T09:30:00+08:00", "count": "12", "vip": true,
              "lines": [ { "sku": "A1", "amount": 100 }, { "sku": "B2", "amount": 900.25 } ],
              "empty": [], "blank": null
            }
            """)!,
        Vars = new JsonObject { ["level"] = 2 },
        Initiator = new JsonObject { ["region"] = "East", ["department"] = "Sales" },
        User = new JsonObject { ["region"] = "East", ["id"] = "u7" },
        Row = new JsonObject { ["qty"] = 3 },
    };

    private static bool Holds(string field, string op, JsonNode? value = null) =>
        Evaluator.Evaluate(
            Condition.AllOf(new Rule { Field = field, Operator = op, Value = value }), Context());

    [TestCase("total", "eq", "1500.5", true)]
    [TestCase("total", "eq", "1500.50", true)]
    [TestCase("total", "ne", "1500.5", false)]
    [TestCase("total", "gt", "1500.49", true)]
    [TestCase("total", "gte", "1500.5", true)]
    [TestCase("total", "lt", "1500.5", false)]
    [TestCase("total", "lte", "1500.5", true)]
    [TestCase("total", "eq", "\"1500.5\"", true)]
    [TestCase("count", "gt", "9", true)]
    [TestCase("customer", "eq", "\"Ruijin Hospital\"", true)]
    [TestCase("customer", "eq", "\"ruijin hospital\"", false)]
    [TestCase("customer", "gt", "\"Q\"", true)]
    [TestCase("customer", "contains", "\"Hospital\"", true)]
    [TestCase("customer", "notContains", "\"Clinic\"", true)]
    [TestCase("customer", "startsWith", "\"Ruijin\"", true)]
    [TestCase("customer", "endsWith", "\"Ruijin\"", false)]
    [TestCase("tags", "contains", "\"urgent\"", true)]
    [TestCase("tags", "contains", "\"urg\"", false)]
    [TestCase("tags", "in", "[\"cold-chain\", \"x\"]", true)]
    [TestCase("customer", "in", "[\"A\", \"Ruijin Hospital\"]", true)]
    [TestCase("customer", "notIn", "[\"A\", \"Ruijin Hospital\"]", false)]
    [TestCase("total", "in", "[1, 1500.5]", true)]
    [TestCase("vip", "eq", "true", true)]
    [TestCase("vip", "eq", "\"true\"", true)]
    [TestCase("total", "between", "[1000, 1500.5]", true)]
    [TestCase("total", "between", "[1500.51, 2000]", false)]
    [TestCase("due", "gt", "\"2024-06-29\"", true)]
    [TestCase("due", "between", "[\"2024-06-01\", \"2024-06-30\"]", true)]
    [TestCase("due", "eq", "\"2024-06-30T15:00:00Z\"", true)]
    [TestCase("signedAt", "lt", "\"2024-06-01T02:00:00Z\"", true)]
    [TestCase("signedAt", "eq", "\"2024-06-01T01:30:00Z\"", true)]
    [TestCase("signedAt", "eq", "\"2024-06-01\"", true)]
    [TestCase("lines.amount", "gt", "800", true)]
    [TestCase("lines.amount", "gt", "1000", false)]
    [TestCase("lines.sku", "eq", "\"A1\"", true)]
    [TestCase("empty.amount", "gt", "0", false)]
    [TestCase("vars.level", "gte", "2", true)]
    [TestCase("form.total", "gt", "1000", true)]
    [TestCase("initiator.region", "eq", "\"East\"", true)]
    [TestCase("row.qty", "eq", "3", true)]
    public void Evaluate_Operator(string field, string op, string valueJson, bool expected)
    {
        Assert.That(Holds(field, op, JsonNode.Parse(valueJson)), Is.EqualTo(expected));
    }

    [TestCase("missing", "isEmpty", true)]
    [TestCase("blank", "isEmpty", true)]
    [TestCase("note", "isEmpty", true)]
    [TestCase("empty", "isEmpty", true)]
    [TestCase("empty.amount", "isEmpty", true)]
    [TestCase("customer", "isEmpty", false)]
    [TestCase("tags", "isNotEmpty", true)]
    [TestCase("missing", "isNotEmpty", false)]
    [TestCase("vars.nothing", "isEmpty", true)]
    public void Evaluate_Emptiness(string field, string op, bool expected)
    {
        Assert.That(Holds(field, op), Is.EqualTo(expected));
    }

    [TestCase("gt")]
    [TestCase("lt")]
    [TestCase("between")]
    [TestCase("contains")]
    [TestCase("eq")]
    public void Evaluate_MissingField_IsFalse(string op)
    {
        var value = op == "between" ? JsonNode.Parse("[0, 10]") : JsonValue.Create(5);

        Assert.That(Holds("missing", op, value), Is.False);
    }

    [Test]
    public void Evaluate_MissingField_EqualsNullAndIsNotEqualToValue()
    {
        Assert.That(Holds("missing", "eq"), Is.True);
        Assert.That(Holds("missing", "ne", JsonValue.Create(5)), Is.True);
        Assert.That(Holds("missing", "notIn", JsonNode.Parse("[1]")), Is.True);
    }

    [Test]
    public void Evaluate_ValueFromUser_ComparesWithUserAttribute()
    {
        var rule = new Rule { Field = "initiator.region", Operator = "eq", ValueFrom = "user.region" };

        Assert.That(Evaluator.Evaluate(Condition.AllOf(rule), Context()), Is.True);
        Assert.That(Evaluator.Evaluate(Condition.AllOf(rule), Context() with { User = null }), Is.False);
    }

    [Test]
    public void Evaluate_ValueField_ComparesTwoFields()
    {
        var rule = new Rule { Field = "total", Operator = "gt", ValueField = "lines.1.amount" };
        var rowRule = new Rule { Field = "vars.level", Operator = "lt", ValueField = "row.qty" };

        Assert.That(Evaluator.Evaluate(Condition.AllOf(rowRule), Context()), Is.True);
        Assert.That(Evaluator.Evaluate(Condition.AllOf(rule), Context()), Is.False, "no indexing into arrays");
    }

    [Test]
    public void Evaluate_Groups_AreOrOfAnds()
    {
        var condition = new Condition
        {
            Any =
            [
                new RuleGroup { All = [Rule("total", "gt", 5000), Rule("vip", "eq", true)] },
                new RuleGroup { All = [Rule("total", "gt", 1000), Rule("initiator.region", "eq", "East")] },
            ],
        };

        Assert.That(Evaluator.Evaluate(condition, Context()), Is.True);
        Assert.That(Evaluator.Evaluate(condition, Context() with { Initiator = null }), Is.False);
        Assert.That(Evaluator.Evaluate(new Condition { Any = [] }, Context()), Is.False);
        Assert.That(Evaluator.Evaluate(new Condition { Any = [new RuleGroup()] }, Context()), Is.True);
    }

    [TestCase("form.total > 1000 && vars.level === 2")]
    [TestCase("initiator.region === user.region && row.qty === 3")]
    [TestCase("lines.some(l => l.amount > 900)")]
    public void Evaluate_JavaScript_ReadsContext(string javaScript)
    {
        var compiled = Evaluator.Compile(Condition.Script(javaScript));

        Assert.That(compiled.IsScript, Is.True);
        Assert.That(compiled.Evaluate(Context()), Is.True);
    }

    [Test]
    public void Compile_SameCondition_IsCachedByReference()
    {
        var condition = Condition.AllOf(Rule("total", "gt", 1));

        var first = Evaluator.Compile(condition);
        var second = Evaluator.Compile(condition);

        Assert.That(second, Is.SameAs(first));
    }

    [Test]
    public void Compile_UnknownOperator_NamesRuleAndChoices()
    {
        var condition = new Condition
        {
            Any = [new RuleGroup { All = [Rule("total", "gt", 1), Rule("total", "bigger", 1)] }],
        };

        var error = Assert.Throws<ArgumentException>(() => Evaluator.Compile(condition));

        Assert.That(error!.Message, Does.StartWith(
            "Condition group 1, rule 2 (field \"total\") uses operator \"bigger\"; expected one of between, contains,"));
    }

    [Test]
    public void Compile_BetweenWithOneValue_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(
            () => Evaluator.Compile(Condition.AllOf(Rule("total", "between", 5))));

        Assert.That(error!.Message, Does.Contain("expected an array of two items"));
    }

    [Test]
    public void Compile_BothRulesAndScript_IsRejected()
    {
        var condition = new Condition { Any = [], JavaScript = "true" };

        Assert.Throws<ArgumentException>(() => Evaluator.Compile(condition));
        Assert.Throws<ArgumentException>(() => Evaluator.Compile(new Condition()));
    }

    [Test]
    public void Evaluate_ConcurrentThreads_GiveSameAnswers()
    {
        var condition = Condition.AllOf(Rule("lines.amount", "gt", 800), Rule("customer", "startsWith", "Rui"));
        var context = Context();

        var results = new bool[2000];
        Parallel.For(0, results.Length, i => results[i] = Evaluator.Evaluate(condition, context));

        Assert.That(results, Is.All.True);
    }

    private static Rule Rule(string field, string op, JsonNode? value) => new()
    {
        Field = field,
        Operator = op,
        Value = value,
    };
}
