using System.Text.Json.Nodes;

namespace WorkflowKit.Expressions.Tests.Scripting;

/// <summary>
/// The <c>params</c> global: declared parameters read as values (also on the engine-free path read), an undeclared
/// one raises an error that names it, writes are rejected, and a pooled engine keeps no parameters of an earlier run.
/// </summary>
public sealed class ParameterScopeTests
{
    private static readonly ScriptHost Host = new();

    private static ScriptScope Scope(JsonObject? parameters = null) => new()
    {
        Form = new JsonObject { ["share"] = 85 },
        Params = parameters ?? new JsonObject { ["limit"] = 80, ["days"] = 90 },
    };

    [Test]
    public void Path_read_returns_value()
    {
        Assert.That(Host.Evaluate("params.limit", Scope())!.GetValue<decimal>(), Is.EqualTo(80m));
    }

    [Test]
    public void Condition_compares_with_parameter()
    {
        Assert.That(Host.EvaluateBoolean("form.share > params.limit", Scope()), Is.True);
        Assert.That(Host.EvaluateBoolean("form.share > params.limit", Scope(new JsonObject { ["limit"] = 90 })), Is.False);
    }

    [Test]
    public void Undeclared_parameter_is_named()
    {
        var error = Assert.Throws<ScriptException>(() => Host.Evaluate("params.limt", Scope()));

        Assert.That(error!.Kind, Is.EqualTo(ScriptErrorKind.Runtime));
        Assert.That(error.Message, Does.Contain(
            "params.limt is not a parameter of this flow (declared: days, limit). Add it to the flow's parameters or " +
            "correct the name."));
    }

    [Test]
    public void Write_is_rejected()
    {
        var error = Assert.Throws<ScriptException>(() => Host.Execute("params.limit = 10;", Scope()));

        Assert.That(error!.Message, Does.Contain("params.limit cannot be changed by a script"));
    }

    [Test]
    public void Whole_object_serializes()
    {
        var text = Host.Evaluate("JSON.stringify(params) + ' ' + Object.keys(params).join(',')", Scope());

        Assert.That(text!.GetValue<string>(), Is.EqualTo("{\"limit\":80,\"days\":90} limit,days"));
    }

    [Test]
    public void Pooled_engine_forgets_earlier_parameters()
    {
        Assert.That(Host.EvaluateBoolean("params.limit > 0", Scope()), Is.True);

        var error = Assert.Throws<ScriptException>(() => Host.EvaluateBoolean("params.limit > 0", Scope([])));

        Assert.That(error!.Message, Does.Contain("(declared: none)"));
    }
}
