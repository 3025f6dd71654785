using System.Text.Json.Nodes;

namespace WorkflowKit.Expressions.Tests.Scripting;

/// <summary>
/// Property paths such as <c>form.customer</c> are read without an engine. Each case compares the
/// result with the engine's, forced by wrapping the same path in a comma expression.
/// </summary>
public sealed class ScopePathTests
{
    private static readonly ScriptScope Scope = new()
    {
        Form = JsonNode.Parse("""
            {
              "customer": "Hospital 7 \u00e9\u00e8 \"quoted\" \n line",
              "total": 112.50,
              "tiny": 0.000000123,
              "huge": 1e21,
              "long": 12345678901234567890,
              "negativeZero": -0.0,
              "flag": true,
              "nothing": null,
              "lines": [
                { "product": "P01", "quantity": 3, "unitPrice": 12.5 },
                { "product": "P02", "quantity": 1, "unitPrice": 13 }
              ],
              "address": { "city": "Lyon", "geo": { "lat": 45.75, "lng": 4.85 } }
            }
            """)!.AsObject(),
        Vars = new JsonObject { ["approved"] = true, ["order"] = new JsonObject { ["total"] = 99.9m } },
        Initiator = new JsonObject { ["id"] = "u1", ["roles"] = new JsonArray("clerk", "buyer") },
    };

    [TestCase("form.customer")]
    [TestCase("form.total")]
    [TestCase("form.tiny")]
    [TestCase("form.huge")]
    [TestCase("form.long")]
    [TestCase("form.negativeZero")]
    [TestCase("form.flag")]
    [TestCase("form.nothing")]
    [TestCase("form.lines")]
    [TestCase("form.address")]
    [TestCase("form.address.geo.lat")]
    [TestCase("form")]
    [TestCase("vars.order.total")]
    [TestCase("vars.approved")]
    [TestCase("initiator.roles")]
    public void Path_MatchesEngine(string path)
    {
        var host = new ScriptHost();

        var read = host.Evaluate(path, Scope);
        var evaluated = host.Evaluate($"(0, {path})", Scope);

        Assert.That(host.PathReads, Is.EqualTo(path == "form" ? 0 : 1), "a bare scope name is no member read");
        Assert.That(read?.ToJsonString(), Is.EqualTo(evaluated?.ToJsonString()));
        Assert.That(JsonNode.DeepEquals(read, evaluated), Is.True);
    }

    [TestCase("form.missing")]
    [TestCase("form.lines.length")]
    [TestCase("form.customer.length")]
    [TestCase("form.toString")]
    [TestCase("form.__proto__")]
    [TestCase("form?.total")]
    [TestCase("form['total']")]
    [TestCase("total")]
    public void Other_expression_UsesEngine(string expression)
    {
        var host = new ScriptHost();

        var result = host.Evaluate(expression, Scope);
        var evaluated = host.Evaluate($"(0, {expression})", Scope);

        Assert.That(host.PathReads, Is.Zero);
        Assert.That(result?.ToJsonString(), Is.EqualTo(evaluated?.ToJsonString()));
    }

    [TestCase("form.missing.city")]
    [TestCase("row.amount")]
    public void Missing_parent_RaisesEngineError(string path)
    {
        var host = new ScriptHost();

        var error = Assert.Throws<ScriptException>(() => host.Evaluate(path, Scope));

        Assert.That(error!.Kind, Is.EqualTo(ScriptErrorKind.Runtime));
        Assert.That(host.PathReads, Is.Zero);
    }

    [Test]
    public void Index_like_keys_UseEngine()
    {
        var host = new ScriptHost();
        var byYear = new JsonObject { ["b"] = 1, ["2024"] = 2 };
        var scope = new ScriptScope { Form = new JsonObject { ["byYear"] = byYear } };

        var result = host.Evaluate("form.byYear", scope);

        Assert.That(host.PathReads, Is.Zero, "JavaScript lists index keys first, so the engine writes the object");
        Assert.That(result, Is.Not.Null);
    }

    [Test]
    public void Cancelled_path_Throws()
    {
        var host = new ScriptHost();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var error = Assert.Throws<ScriptException>(() => host.Evaluate("form.total", Scope, cancelled.Token));

        Assert.That(error!.Kind, Is.EqualTo(ScriptErrorKind.Cancelled));
    }
}
