using System.Globalization;
using System.Text.Json.Nodes;

namespace WorkflowKit.Expressions.Tests.Scripting;

public sealed class ScriptDecimalTests
{
    private static readonly ScriptHost Host = new();

    private static JsonNode? Eval(string expression, JsonObject? form = null) =>
        Host.Evaluate(expression, new ScriptScope { Form = form ?? [] }, CancellationToken.None);

    [Test]
    public void Add_PointOnePlusPointTwo_EqualsPointThree()
    {
        Assert.That(Host.EvaluateBoolean("0.1 + 0.2 === 0.3", new ScriptScope()), Is.True);
        Assert.That(Eval("0.1 + 0.2")!.GetValue<decimal>(), Is.EqualTo(0.3m));
    }

    [Test]
    public void Multiply_MoneyFormula_IsExactDecimal()
    {
        Assert.That(Eval("19.99 * 3 * 0.13")!.GetValue<decimal>(), Is.EqualTo(19.99m * 3 * 0.13m));
    }

    [Test]
    public void Multiply_FormFields_IsExactDecimal()
    {
        var form = new JsonObject { ["price"] = 1234.56m, ["quantity"] = 7, ["rate"] = JsonNode.Parse("0.13") };

        var result = Eval("price * quantity * form.rate", form);

        Assert.That(result!.GetValue<decimal>(), Is.EqualTo(1234.56m * 7 * 0.13m));
    }

    [Test]
    public void Divide_RepeatingDecimal_RoundsTo28Digits()
    {
        var result = Eval("10 / 3")!.GetValue<decimal>();

        var expected = decimal.Parse(
            (10m / 3m).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        Assert.That((double)result, Is.EqualTo((double)expected));
        Assert.That(Eval("round(10 / 3, 2)")!.GetValue<decimal>(), Is.EqualTo(3.33m));
    }

    [Test]
    public void Add_StringAndNumber_KeepsConcatenation()
    {
        Assert.That(Host.EvaluateBoolean("'a' + 1 === 'a1'", new ScriptScope()), Is.True);
        Assert.That(Eval("var s = 'x'; s + 0.1 + 0.2")!.GetValue<string>(), Is.EqualTo("x0.10.2"));
        Assert.That(Eval("1 + 2 + '3'")!.GetValue<string>(), Is.EqualTo("33"));
    }

    [Test]
    public void CompoundAssignment_Identifier_UsesDecimal()
    {
        Assert.That(Eval("var t = 0.1; t += 0.2; t")!.GetValue<decimal>(), Is.EqualTo(0.3m));
        Assert.That(Eval("var t = 0.3; t -= 0.1; t")!.GetValue<decimal>(), Is.EqualTo(0.2m));
        Assert.That(Eval("var t = 1.1; t *= 1.1; t")!.GetValue<decimal>(), Is.EqualTo(1.21m));
        Assert.That(Eval("var t = 0.3; t /= 0.1; t")!.GetValue<decimal>(), Is.EqualTo(3m));
        Assert.That(Eval("var t = 0.5; t %= 0.2; t")!.GetValue<decimal>(), Is.EqualTo(0.1m));
        Assert.That(Eval("var t = 1.1; t **= 2; t")!.GetValue<decimal>(), Is.EqualTo(1.21m));
    }

    [Test]
    public void CompoundAssignment_Member_UsesDecimalAndEvaluatesKeyOnce()
    {
        var script = "var o = { a: 0.1, b: [0.7] }; var n = 0; o.a += 0.2; o.b[n++] += 0.1; [o.a, o.b[0], n]";

        var result = (JsonArray)Eval(script)!;

        Assert.That(result[0]!.GetValue<decimal>(), Is.EqualTo(0.3m));
        Assert.That(result[1]!.GetValue<decimal>(), Is.EqualTo(0.8m));
        Assert.That(result[2]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public void Update_IncrementAndDecrement_UseDecimalAndKeepPrefixPostfix()
    {
        var script = "var x = 0.1; var a = x++; var b = ++x; var o = { v: 4.35 }; var c = o.v--; var d = --o['v'];"
            + " [a, b, x, c, d, o.v]";

        var result = ((JsonArray)Eval(script)!).Select(n => n!.GetValue<decimal>()).ToArray();

        Assert.That(result, Is.EqualTo(new[] { 0.1m, 2.1m, 2.1m, 4.35m, 2.35m, 2.35m }));
    }

    [Test]
    public void Subtract_Dates_KeepsJavaScriptSemantics()
    {
        var result = Eval("new Date('2024-03-02T00:00:00Z') - new Date('2024-03-01T00:00:00Z')");

        Assert.That(result!.GetValue<decimal>(), Is.EqualTo(86_400_000m));
    }

    [Test]
    public void Round_Digits_RoundsHalfAwayFromZero()
    {
        Assert.That(Eval("round(1.005, 2)")!.GetValue<decimal>(), Is.EqualTo(1.01m));
        Assert.That(Eval("round(-2.5)")!.GetValue<decimal>(), Is.EqualTo(-3m));
        Assert.That(Eval("round(2.675, 2)")!.GetValue<decimal>(), Is.EqualTo(2.68m));
        Assert.That(Eval("round(1250, -2)")!.GetValue<decimal>(), Is.EqualTo(1300m));
    }

    [Test]
    public void Precision_FifteenSignificantDigits_AreExact()
    {
        Assert.That(Eval("123456789012.345 + 0.001")!.GetValue<decimal>(), Is.EqualTo(123456789012.346m));
        Assert.That(Eval("99999999999999.9 + 0.1")!.GetValue<decimal>(), Is.EqualTo(100000000000000m));
    }

    [Test]
    public void Precision_BeyondSeventeenDigits_IsLimitedByDouble()
    {
        var result = Eval("12345678901234567.8 + 0.1")!.GetValue<decimal>();

        Assert.That(result, Is.Not.EqualTo(12345678901234567.9m));
    }

    [Test]
    public void Arithmetic_ParenthesesCommentsAndNesting_StayBalanced()
    {
        var script = "((0.1) /* + */ + (0.2)) * // c\n 10 - (-(1 + 2)) ** 2 % 5";

        Assert.That(Eval(script)!.GetValue<decimal>(), Is.EqualTo(((0.1m + 0.2m) * 10) - 4m));
    }

    [Test]
    public void Arithmetic_InsideFunctionsAndTemplates_IsRewritten()
    {
        var script = "const total = [0.1, 0.2, 0.3].reduce((s, x) => s + x, 0); `${total + 0.4}`";

        Assert.That(Eval(script)!.GetValue<string>(), Is.EqualTo("1"));
    }

    [TestCase("const o = { a: 0.1 }; (o?.a ?? 0) + 0.2", "0.3")]
    [TestCase("class C { get v() { return this.x * 3; } constructor() { this.x = 0.1; } } new C().v", "0.3")]
    [TestCase("const [a, ...rest] = [0.1, 0.2]; a + rest[0]", "0.3")]
    [TestCase("let t = 0; for (const x of [0.1, 0.2]) { t += x; } t", "0.3")]
    [TestCase("function f(x = 0.1 + 0.2) { return x; } f()", "0.3")]
    [TestCase("-0.1 - 0.2", "-0.3")]
    [TestCase("1.1 ** 2", "1.21")]
    [TestCase("10n + 5n === 15n ? 1 : 0", "1")]
    [TestCase("let b = 1n; b++; b === 2n ? 1 : 0", "1")]
    [TestCase("'5' * '0.1'", "0.5")]
    public void Arithmetic_ModernSyntax_IsRewritten(string script, string expected)
    {
        Assert.That(Eval(script)!.GetValue<decimal>(), Is.EqualTo(decimal.Parse(expected, CultureInfo.InvariantCulture)));
    }

    [Test]
    public void Arithmetic_NonNumbers_KeepJavaScriptResults()
    {
        var result = (JsonArray)Eval("[null + 1, true + 1, [] + 1, ({}) + 'x', undefined + 1, 1 / 0, -1 % 1]")!;

        Assert.That(result.ToJsonString(), Is.EqualTo("[1,2,\"1\",\"[object Object]x\",null,null,0]"));
    }
}
