using System.Text.Json.Nodes;

namespace WorkflowKit.Expressions.Tests.Scripting;

public sealed class ScriptLimitTests
{
    private const string GoodScript = "form.a * 2";

    private static ScriptScope GoodScope => new() { Form = new JsonObject { ["a"] = 21 } };

    // A generous time limit, so a loaded machine cannot turn the other limits into timeouts.
    private static ScriptLimits Generous => new() { TimeLimit = TimeSpan.FromSeconds(30) };

    [TestCase("while(true){}", ScriptErrorKind.StatementLimit)]
    [TestCase("for (;;) { try { } catch (e) { } }", ScriptErrorKind.StatementLimit)]
    [TestCase("function f(n) { return f(n + 1); } f(0)", ScriptErrorKind.RecursionLimit)]
    [TestCase("'x'.repeat(1 << 30).length", ScriptErrorKind.MemoryLimit)]
    [TestCase("try { 'x'.repeat(1 << 30) } catch (e) { 1 }", ScriptErrorKind.MemoryLimit)]
    [TestCase("var s = 'x'; for (var i = 0; i < 40; i++) { s = s + s; } s.length", ScriptErrorKind.MemoryLimit)]
    [TestCase("''.padStart(1 << 30)", ScriptErrorKind.MemoryLimit)]
    [TestCase("/^(a+)+$/.test('a'.repeat(30) + 'b')", ScriptErrorKind.RegexTimeout)]
    [TestCase("importNamespace('System.IO')", ScriptErrorKind.Runtime)]
    [TestCase("System.IO.File.ReadAllText('/etc/passwd')", ScriptErrorKind.Runtime)]
    [TestCase("clr.System", ScriptErrorKind.Runtime)]
    [TestCase("eval('1 + 1')", ScriptErrorKind.Runtime)]
    [TestCase("new Function('return 1')()", ScriptErrorKind.Runtime)]
    [TestCase("null.x", ScriptErrorKind.Runtime)]
    [TestCase("throw new Error('stop')", ScriptErrorKind.Runtime)]
    [TestCase("form.a +* 2", ScriptErrorKind.Syntax)]
    public void Evaluate_BadScript_FailsWithKindAndHostKeepsWorking(string script, ScriptErrorKind kind)
    {
        var host = new ScriptHost(Generous);

        var error = Assert.Throws<ScriptException>(() => host.Evaluate(script, new ScriptScope()));

        Assert.That(error!.Kind, Is.EqualTo(kind), error.Message);
        Assert.That(error.Expression, Is.EqualTo(script));
        Assert.That(host.Evaluate(GoodScript, GoodScope)!.GetValue<int>(), Is.EqualTo(42));
    }

    [Test]
    public void Evaluate_Sandbox_HidesClrEntryPoints()
    {
        var host = new ScriptHost();

        var result = host.Evaluate(
            "[typeof importNamespace, typeof System, typeof clr, typeof require, typeof fetch, typeof setTimeout]",
            new ScriptScope());

        Assert.That(((JsonArray)result!).Select(n => n!.GetValue<string>()), Is.All.EqualTo("undefined"));
    }

    [Test]
    public void Evaluate_Timeout_ReportsTimeLimit()
    {
        var host = new ScriptHost(new ScriptLimits
        {
            TimeLimit = TimeSpan.FromMilliseconds(200),
            MaxStatements = int.MaxValue,
        });

        var error = Assert.Throws<ScriptException>(() => host.Evaluate("while(true){}", new ScriptScope()));

        Assert.That(error!.Kind, Is.EqualTo(ScriptErrorKind.Timeout));
        Assert.That(error.Message, Does.Contain("200 ms").And.Contain("ScriptLimits.TimeLimit"));
        Assert.That(host.Evaluate(GoodScript, GoodScope)!.GetValue<int>(), Is.EqualTo(42));
    }

    [Test]
    public void Evaluate_SlowRecordRead_DoesNotCountAgainstTimeLimit()
    {
        // The store read takes longer than the whole limit; only the script's own running time counts.
        var host = new ScriptHost(new ScriptLimits { TimeLimit = TimeSpan.FromMilliseconds(300) });
        var scope = new ScriptScope
        {
            QueryRecords = (_, _) =>
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(600));
                return [new JsonObject { ["amount"] = 5 }];
            },
        };

        var result = host.Evaluate("records.query('receivable', {}).length + records.query('receivable', {}).length", scope);

        Assert.That(result!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public void Evaluate_LoopAfterRecordRead_StillTimesOut()
    {
        var host = new ScriptHost(new ScriptLimits
        {
            TimeLimit = TimeSpan.FromMilliseconds(200),
            MaxStatements = int.MaxValue,
        });
        var scope = new ScriptScope { QueryRecords = (_, _) => [] };

        var error = Assert.Throws<ScriptException>(
            () => host.Evaluate("records.query('receivable', {}); while(true){}", scope));

        Assert.That(error!.Kind, Is.EqualTo(ScriptErrorKind.Timeout));
    }

    [Test]
    public void Evaluate_StatementLimit_ReportsLimitAndAdvice()
    {
        var host = new ScriptHost(Generous with { MaxStatements = 500 });

        var error = Assert.Throws<ScriptException>(() => host.Evaluate("while(true){}", new ScriptScope()));

        Assert.That(error!.Message, Is.EqualTo(
            "The script executed more than 500 statements (ScriptLimits.MaxStatements) and was stopped. "
            + "Look for an endless loop, or move bulk work out of the script."));
    }

    [Test]
    public void Evaluate_Syntax_ReportsLineAndColumn()
    {
        var host = new ScriptHost();

        var error = Assert.Throws<ScriptException>(() => host.Evaluate("var a = 1;\nform.a +* 2", new ScriptScope()));

        Assert.That((error!.Line, error.Column), Is.EqualTo((2, 9)));
        Assert.That(error.Message, Does.Contain("line 2, column 9").And.Contain("'*'"));
    }

    [TestCase("while(true){}")]
    [TestCase("globalThis.spin = true; while(spin){}")]
    public void Evaluate_CancelledToken_StopsRunningScript(string script)
    {
        var host = new ScriptHost(new ScriptLimits
        {
            TimeLimit = TimeSpan.FromMinutes(5),
            MaxStatements = int.MaxValue,
        });
        using var cancellation = new CancellationTokenSource();
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(100));

        var error = Assert.Throws<ScriptException>(
            () => host.Evaluate(script, new ScriptScope(), cancellation.Token));

        Assert.That(error!.Kind, Is.EqualTo(ScriptErrorKind.Cancelled));
        Assert.That(error.InnerException, Is.Not.InstanceOf<TimeoutException>(), "stopped by the token, not the clock");
    }

    [Test]
    public void Evaluate_AlreadyCancelled_DoesNotRun()
    {
        var host = new ScriptHost();

        var error = Assert.Throws<ScriptException>(
            () => host.Evaluate("1", new ScriptScope(), new CancellationToken(canceled: true)));

        Assert.That(error!.Kind, Is.EqualTo(ScriptErrorKind.Cancelled));
    }

    [Test]
    public void Execute_GetterLoopOnResult_StaysBounded()
    {
        var host = new ScriptHost(Generous with { MaxStatements = 1000 });

        var error = Assert.Throws<ScriptException>(() => host.Execute(
            "form = { get total() { while (true) {} } };", new ScriptScope()));

        Assert.That(error!.Kind, Is.EqualTo(ScriptErrorKind.StatementLimit));
    }

    [Test]
    public void Evaluate_BadAndGoodScriptsConcurrently_GoodOnesSucceed()
    {
        var host = new ScriptHost(Generous);
        string[] bad = ["while(true){}", "function f(){ return f(); } f()", "/^(a+)+$/.test('a'.repeat(30)+'b')",
            "var s='x'; for(;;){ s = s + s; }"];

        var badTasks = bad.Select(script => Task.Run(() =>
            Assert.Throws<ScriptException>(() => host.Evaluate(script, new ScriptScope())))).ToArray();
        var goodTasks = Enumerable.Range(0, 40).Select(i => Task.Run(() => host.Evaluate(
            "form.a * 2 + " + (i % 4), GoodScope)!.GetValue<int>())).ToArray();
        Task.WaitAll([.. badTasks, .. goodTasks]);

        Assert.That(badTasks.Select(t => t.Result!.Kind), Is.EquivalentTo(new[]
        {
            ScriptErrorKind.StatementLimit, ScriptErrorKind.RecursionLimit, ScriptErrorKind.RegexTimeout,
            ScriptErrorKind.MemoryLimit,
        }));
        Assert.That(goodTasks.Select(t => t.Result), Is.EqualTo(Enumerable.Range(0, 40).Select(i => 42 + (i % 4))));
    }

    [Test]
    public void Limits_Defaults_AreBounded()
    {
        var limits = ScriptLimits.Default;

        Assert.That(limits.TimeLimit, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(limits.MaxStatements, Is.EqualTo(100_000));
        Assert.That(limits.MemoryLimitBytes, Is.EqualTo(16L * 1024 * 1024));
        Assert.That(limits.MaxRecursionDepth, Is.EqualTo(64));
        Assert.That(limits.RegexTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(100)));
    }

    [Test]
    public void Limits_Unbounded_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => _ = new ScriptHost(new ScriptLimits { TimeLimit = Timeout.InfiniteTimeSpan }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ScriptHost(new ScriptLimits { MaxStatements = 0 }));
    }
}
