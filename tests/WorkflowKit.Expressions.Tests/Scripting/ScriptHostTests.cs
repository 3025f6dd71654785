using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace WorkflowKit.Expressions.Tests.Scripting;

public sealed class ScriptHostTests
{
    private static ScriptScope Scope() => new()
    {
        Form = new JsonObject { ["total"] = 1500.5m, ["customer"] = "Ruijin Hospital", ["lines"] = new JsonArray() },
        Vars = new JsonObject { ["approved"] = true },
        Initiator = new JsonObject { ["id"] = "u1", ["region"] = "East", ["roles"] = new JsonArray("sales") },
        Row = new JsonObject { ["qty"] = 3 },
        User = new JsonObject { ["region"] = "East" },
        Nodes = new JsonObject { ["credit"] = new JsonObject { ["limit"] = 2000 } },
    };

    [TestCase("form.total > 1000 && total > 1000")]
    [TestCase("vars.approved === true")]
    [TestCase("initiator.region === 'East' && initiator.roles.includes('sales')")]
    [TestCase("row.qty * 2 === 6")]
    [TestCase("user.region === initiator.region")]
    [TestCase("nodes.credit.limit > form.total")]
    [TestCase("customer.startsWith('Ruijin')")]
    public void EvaluateBoolean_ReadsScope(string expression)
    {
        var host = new ScriptHost();

        Assert.That(host.EvaluateBoolean(expression, Scope()), Is.True);
    }

    [Test]
    public void EvaluateBoolean_MissingRow_IsNull()
    {
        var host = new ScriptHost();

        Assert.That(host.EvaluateBoolean("row === null", new ScriptScope()), Is.True);
    }

    [Test]
    public void Evaluate_Now_ComesFromTimeProviderInTenantZone()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 12, 31, 17, 30, 0, TimeSpan.Zero));
        var host = new ScriptHost(timeProvider: clock);
        var scope = new ScriptScope { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai") };

        var result = (JsonArray)host.Evaluate(
            "[now.toISOString(), new Date().getFullYear(), Date.now() === now.getTime(), timeZone]", scope)!;

        Assert.That(result[0]!.GetValue<string>(), Is.EqualTo("2024-12-31T17:30:00.000Z"));
        Assert.That(result[1]!.GetValue<int>(), Is.EqualTo(2025));
        Assert.That(result[2]!.GetValue<bool>(), Is.True);
        Assert.That(result[3]!.GetValue<string>(), Is.EqualTo("Asia/Shanghai"));
    }

    [Test]
    public void Evaluate_ObjectResult_ConvertsToJson()
    {
        var host = new ScriptHost();

        var result = host.Evaluate("({ a: 0.1 * 3, d: new Date(0), u: undefined, n: null, list: [1, 'x'] })",
            new ScriptScope());

        Assert.That(result!.ToJsonString(), Is.EqualTo(
            """{"a":0.3,"d":"1970-01-01T00:00:00.000Z","n":null,"list":[1,"x"]}"""));
        Assert.That(result["a"]!.GetValue<decimal>(), Is.EqualTo(0.3m));
    }

    [Test]
    public void Evaluate_UndefinedResult_IsNull()
    {
        var host = new ScriptHost();

        Assert.That(host.Evaluate("undefined", new ScriptScope()), Is.Null);
    }

    [Test]
    public void Execute_WritesFormAndVars_LeavesInputUntouched()
    {
        var host = new ScriptHost();
        var scope = Scope();

        var result = host.Execute(
            "form.tax = round(form.total * 0.13, 2); vars.level = form.total > 1000 ? 'high' : 'low'; form.tax",
            scope);

        Assert.That(result.Form["tax"]!.GetValue<decimal>(), Is.EqualTo(195.07m));
        Assert.That(result.Vars["level"]!.GetValue<string>(), Is.EqualTo("high"));
        Assert.That(result.Vars["approved"]!.GetValue<bool>(), Is.True);
        Assert.That(result.Value!.GetValue<decimal>(), Is.EqualTo(195.07m));
        Assert.That(scope.Form.ContainsKey("tax"), Is.False);
    }

    [Test]
    public void Execute_FormReplacedByNumber_FailsWithAdvice()
    {
        var host = new ScriptHost();

        var error = Assert.Throws<ScriptException>(() => host.Execute("form = 5", Scope()));

        Assert.That(error!.Kind, Is.EqualTo(ScriptErrorKind.Runtime));
        Assert.That(error.Message, Does.Contain("'form' must stay an object"));
    }

    [Test]
    public void Execute_NumbersIn_KeepDecimalText()
    {
        var host = new ScriptHost();
        var scope = new ScriptScope { Form = (JsonObject)JsonNode.Parse("""{"price":0.1,"big":12345678901.23}""")! };

        var result = host.Execute("form.copy = form.price; form.big2 = form.big + 0.01;", scope);

        Assert.That(result.Form["copy"]!.GetValue<decimal>(), Is.EqualTo(0.1m));
        Assert.That(result.Form["big2"]!.GetValue<decimal>(), Is.EqualTo(12345678901.24m));
    }

    [Test]
    public void Evaluate_SameText_IsPreparedOnce()
    {
        var host = new ScriptHost();

        host.Evaluate("form.total * 2", Scope());
        host.Evaluate("form.total * 2", Scope());
        host.EvaluateBoolean("form.total * 2", Scope());

        Assert.That(host.PrepareCount, Is.EqualTo(1));
    }

    [Test]
    public void Evaluate_CacheFull_EvictsOldest()
    {
        var host = new ScriptHost(new ScriptLimits { MaxCachedScripts = 3 });

        for (var i = 0; i < 5; i++)
        {
            host.Evaluate($"{i} + 1", new ScriptScope());
        }

        host.Evaluate("4 + 1", new ScriptScope());

        Assert.That(host.CachedScriptCount, Is.EqualTo(3));
        Assert.That(host.PrepareCount, Is.EqualTo(5));
    }

    [Test]
    public void Evaluate_ScriptsDoNotShareState()
    {
        var host = new ScriptHost();

        host.Execute("globalThis.leak = 1; Object.prototype.polluted = 1;", new ScriptScope());

        Assert.That(host.Evaluate("typeof leak + typeof ({}).polluted", new ScriptScope())!.GetValue<string>(),
            Is.EqualTo("undefinedundefined"));
    }

    [Test]
    public void Evaluate_HelperObject_CannotBeReplaced()
    {
        var host = new ScriptHost();

        var result = host.Evaluate("__wk = null; __wk.add = null; 0.1 + 0.2", new ScriptScope());

        Assert.That(result!.GetValue<decimal>(), Is.EqualTo(0.3m));
    }
}
