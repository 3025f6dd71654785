using System.Text.Json.Nodes;
using Acornima;
using WorkflowKit.Expressions.Internal;

namespace WorkflowKit.Expressions.Tests.Scripting;

public sealed class EnginePoolTests
{
    [TestCase("form.total > 1000 && initiator.region === 'East'", true)]
    [TestCase("lines.some(l => l.amount > 900)", true)]
    [TestCase("let t = 0; for (const l of lines) { t += l.amount; } round(t * 1.13, 2)", true)]
    [TestCase("lines[0].amount + form['total']", true)]
    [TestCase("Object.keys(form).length", true)]
    [TestCase("form.total = 1", true)]
    [TestCase("vars.approved = form.total <= form.creditLimit;", true)]
    [TestCase("vars.count += 1; vars.seen ||= true", true)]
    [TestCase("form.address.city = 1", false)]
    [TestCase("vars.x = Math; vars.x.y = 1", false)]
    [TestCase("vars = Math; vars.x = 1", false)]
    [TestCase("let vars = Math; vars.x = 1", false)]
    [TestCase("function f(vars) { vars.x = 1; } f(Math)", false)]
    [TestCase("[vars] = [Math]; vars.x = 1", false)]
    [TestCase("const o = { vars }; vars.x = 1", false)]
    [TestCase("vars.__proto__ = null", false)]
    [TestCase("this.form.x = 1", false)]
    [TestCase("Math.x = 1", false)]
    [TestCase("form.count++", false)]
    [TestCase("delete form.total", false)]
    [TestCase("Array.prototype.sum = 1", false)]
    [TestCase("[].constructor", false)]
    [TestCase("({}).__proto__", false)]
    [TestCase("Object.defineProperty(Math, 'x', { value: 1 })", false)]
    [TestCase("Object.assign(Math, { x: 1 })", false)]
    [TestCase("const { freeze } = Object; freeze(Math)", false)]
    [TestCase("Object.getOwnPropertyDescriptor(Array, 'proto' + 'type')", false)]
    [TestCase("[].push.call(x, 1)", false)]
    [TestCase("form[name]", false)]
    [TestCase("form[`total`]", false)]
    [TestCase("({ ['con' + 'structor']: 1 })", false)]
    [TestCase("globalThis.x", false)]
    [TestCase("Reflect.ownKeys(form)", false)]
    [TestCase("Symbol.for('x')", false)]
    [TestCase("with (form) { total }", false)]
    [TestCase("[a.b] = [1]", false)]
    public void CanPool_Script(string script, bool expected)
    {
        var program = new Parser(DecimalRewriter.ParserOptions).ParseScript(script);

        Assert.That(EngineReuse.CanPool(program), Is.EqualTo(expected));
    }

    [Test]
    public void Evaluate_PoolableScript_ReusesEngine()
    {
        var host = new ScriptHost();
        var scope = new ScriptScope { Form = new JsonObject { ["total"] = 2 } };

        for (var i = 0; i < 5; i++)
        {
            Assert.That(host.Evaluate("form.total * 0.1", scope)!.GetValue<decimal>(), Is.EqualTo(0.2m));
        }

        Assert.That(host.PooledEnginesCreated, Is.EqualTo(1));
    }

    [Test]
    public void Evaluate_PooledEngine_ForgetsGlobalsAndDeclarations()
    {
        var host = new ScriptHost();

        host.Evaluate("var leak = 1; let declared = 2; function f() { return 3; } leak", new ScriptScope());
        var second = host.Evaluate("let declared = 5; declared", new ScriptScope());
        var third = host.Evaluate("typeof leak + typeof f", new ScriptScope());

        Assert.That(second!.GetValue<int>(), Is.EqualTo(5));
        Assert.That(third!.GetValue<string>(), Is.EqualTo("undefinedundefined"));
        Assert.That(host.PooledEnginesCreated, Is.EqualTo(1));
    }

    [Test]
    public void Evaluate_PooledEngine_SeesNewScopeAndClock()
    {
        var host = new ScriptHost();
        var first = new ScriptScope { Form = new JsonObject { ["a"] = 1 }, Now = DateTimeOffset.UnixEpoch };
        var second = new ScriptScope { Form = new JsonObject { ["b"] = 2 }, Now = DateTimeOffset.UnixEpoch.AddDays(1) };

        host.Evaluate("a + Date.now()", first);
        var result = (JsonArray)host.Evaluate("[typeof a, b, Date.now(), now.getTime()]", second)!;

        Assert.That(result.ToJsonString(), Is.EqualTo("[\"undefined\",2,86400000,86400000]"));
    }

    [Test]
    public void Evaluate_PooledEngine_HonoursNewCancellationToken()
    {
        var host = new ScriptHost(new ScriptLimits { TimeLimit = TimeSpan.FromMinutes(5), MaxStatements = int.MaxValue });
        host.Evaluate("1", new ScriptScope());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var error = Assert.Throws<ScriptException>(
            () => host.Evaluate("while (true) {}", new ScriptScope(), cancellation.Token));

        Assert.That(error!.Kind, Is.EqualTo(ScriptErrorKind.Cancelled));
        Assert.That(error.InnerException, Is.Not.InstanceOf<TimeoutException>(), "stopped by the token, not the clock");
        Assert.That(host.Evaluate("2", new ScriptScope())!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public void Evaluate_EarlierTokenCancelled_DoesNotStopLaterRuns()
    {
        var host = new ScriptHost();
        using var earlier = new CancellationTokenSource();
        host.Evaluate("1", new ScriptScope(), earlier.Token);

        earlier.Cancel();

        Assert.That(host.Evaluate("2", new ScriptScope())!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(host.PooledEnginesCreated, Is.EqualTo(1));
    }

    [Test]
    public void Evaluate_PrototypeChange_DoesNotReachNextScript()
    {
        var host = new ScriptHost();

        host.Execute("Array.prototype.sum = function () { return 1; };", new ScriptScope());
        var result = host.Evaluate("typeof [].sum", new ScriptScope());

        Assert.That(result!.GetValue<string>(), Is.EqualTo("undefined"));
    }

    [Test]
    public void Execute_ScopeFieldWrite_ReusesEngine()
    {
        var host = new ScriptHost();

        for (var i = 0; i < 5; i++)
        {
            var result = host.Execute(
                "vars.approved = form.total <= form.creditLimit;",
                new ScriptScope { Form = new JsonObject { ["total"] = i, ["creditLimit"] = 2 } });

            Assert.That(result.Vars["approved"]!.GetValue<bool>(), Is.EqualTo(i <= 2));
        }

        Assert.That(host.PooledEnginesCreated, Is.EqualTo(1));
    }

    [Test]
    public void Execute_ScopeFieldWrite_DoesNotReachNextScript()
    {
        var host = new ScriptHost();

        host.Execute("form.leak = 1; vars.leak = Math;", new ScriptScope());
        var result = host.Evaluate("[typeof form.leak, typeof vars.leak, typeof Math.leak]", new ScriptScope());

        Assert.That(result!.ToJsonString(), Is.EqualTo("[\"undefined\",\"undefined\",\"undefined\"]"));
        Assert.That(host.PooledEnginesCreated, Is.EqualTo(1));
    }

    [Test]
    public void Evaluate_ConcurrentPoolableScripts_GiveOwnResults()
    {
        var host = new ScriptHost();

        var results = new int[400];
        Parallel.For(0, results.Length, i => results[i] = host.Evaluate(
            "form.n * 2", new ScriptScope { Form = new JsonObject { ["n"] = i } })!.GetValue<int>());

        Assert.That(results, Is.EqualTo(Enumerable.Range(0, 400).Select(i => i * 2)));
    }
}
