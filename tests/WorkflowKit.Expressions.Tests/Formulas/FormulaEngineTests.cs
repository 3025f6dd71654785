using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace WorkflowKit.Expressions.Tests.Formulas;

public sealed class FormulaEngineTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2024, 12, 31, 18, 0, 0, TimeSpan.Zero));

    private static readonly FormulaEngine Engine = new(Clock);

    private static FormulaContext Context() => new()
    {
        Form = (JsonObject)JsonNode.Parse("""
            {
              "price": 19.99, "quantity": 3, "rate": 0.13, "customer": "Ruijin", "note": "", "text": "abc",
              "due": "2025-01-10", "start": "2024-12-25", "signed": "2024-12-31T23:30:00+08:00", "numeric": "12.5",
              "lines": [ { "amount": 100.10, "qty": 2 }, { "amount": 0.2, "qty": null }, { "amount": 50 } ],
              "empty": []
            }
            """)!,
        Row = new JsonObject { ["qty"] = 4, ["unitPrice"] = 2.5m },
    };

    private static JsonNode? Eval(string formula) => Engine.Evaluate(formula, Context());

    private static decimal Number(string formula) => Eval(formula)!.GetValue<decimal>();

    [TestCase("price * quantity * rate", "7.7961")]
    [TestCase("0.1 + 0.2", "0.3")]
    [TestCase("10 / 4", "2.5")]
    [TestCase("10 % 4", "2")]
    [TestCase("-price + 20", "0.01")]
    [TestCase("2 + 3 * 4", "14")]
    [TestCase("(2 + 3) * 4", "20")]
    [TestCase("SUM(lines.amount)", "150.30")]
    [TestCase("sum(lines.amount) * 1.13", "169.8390")]
    [TestCase("AVG(lines.amount)", "50.1")]
    [TestCase("MIN(lines.amount, 7)", "0.2")]
    [TestCase("MAX(lines.amount)", "100.10")]
    [TestCase("COUNT(lines.qty)", "1")]
    [TestCase("COUNT(lines)", "3")]
    [TestCase("ROUND(2.675, 2)", "2.68")]
    [TestCase("ROUND(-2.5)", "-3")]
    [TestCase("ROUND(1250, -2)", "1300")]
    [TestCase("ABS(-4)", "4")]
    [TestCase("row.qty * row.unitPrice", "10.0")]
    [TestCase("qty * unitPrice", "10.0")]
    [TestCase("missing * 2", "0")]
    [TestCase("numeric * 2", "25.0")]
    [TestCase("DAYS(due, start)", "16")]
    [TestCase("DAYS(signed, start)", "6")]
    [TestCase("IF(quantity > 2, 1, 1 / 0)", "1")]
    public void Evaluate_NumberResult(string formula, string expected)
    {
        Assert.That(Number(formula), Is.EqualTo(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void Evaluate_Division_KeepsTwentyEightDigits()
    {
        Assert.That(Number("1 / 3"), Is.EqualTo(1m / 3m));
        Assert.That(Number("ROUND(1 / 3 * 3, 2)"), Is.EqualTo(1m));
    }

    [TestCase("customer & \"-\" & quantity", "Ruijin-3")]
    [TestCase("CONCAT(customer, ' ', price, ' ', TRUE)", "Ruijin 19.99 TRUE")]
    [TestCase("'it''s'", "it's")]
    [TestCase("TODAY()", "2024-12-31")]
    [TestCase("ADDDAYS(due, 30)", "2025-02-09")]
    [TestCase("ADDDAYS(\"2024-02-28\", 1)", "2024-02-29")]
    [TestCase("TEXT(price * quantity, \"0.00\")", "59.97")]
    [TestCase("TEXT(due, \"yyyy/MM/dd\")", "2025/01/10")]
    [TestCase("TEXT(1.5)", "1.5")]
    [TestCase("IF(price > 100, 'high', 'low')", "low")]
    public void Evaluate_TextResult(string formula, string expected)
    {
        Assert.That(Eval(formula)!.GetValue<string>(), Is.EqualTo(expected));
    }

    [TestCase("price > 19.98", true)]
    [TestCase("price = 19.99", true)]
    [TestCase("price == 19.990", true)]
    [TestCase("price <> 19.99", false)]
    [TestCase("price != 1", true)]
    [TestCase("AND(quantity >= 3, quantity <= 3)", true)]
    [TestCase("OR(quantity > 5, customer = 'Ruijin')", true)]
    [TestCase("NOT(quantity > 5)", true)]
    [TestCase("ISEMPTY(note)", true)]
    [TestCase("ISEMPTY(missing)", true)]
    [TestCase("ISEMPTY(empty)", true)]
    [TestCase("ISEMPTY(customer)", false)]
    [TestCase("customer = 'ruijin'", false)]
    [TestCase("due > '2024-12-31'", true)]
    [TestCase("due > start", true)]
    [TestCase("numeric = 12.5", true)]
    [TestCase("missing = 0", true)]
    [TestCase("true = TRUE", true)]
    public void Evaluate_BooleanResult(string formula, bool expected)
    {
        Assert.That(Eval(formula)!.GetValue<bool>(), Is.EqualTo(expected));
    }

    [Test]
    public void Evaluate_BlankResults_AreNull()
    {
        Assert.That(Eval("AVG(empty)"), Is.Null);
        Assert.That(Eval("IF(FALSE, 1)"), Is.Null);
        Assert.That(Eval("DAYS(missing, start)"), Is.Null);
    }

    [Test]
    public void Evaluate_ColumnAsValue_ReturnsList()
    {
        Assert.That(Eval("lines.amount")!.ToJsonString(), Is.EqualTo("[100.10,0.2,50]"));
    }

    [TestCase("1 / (quantity - 3)", "Division by zero at column 3")]
    [TestCase("text * 2", "Expected a number at column 1; field 'text' is the text \"abc\"")]
    [TestCase("lines.amount * 2", "field 'lines.amount' at column 1 is a list (a sub-table column)")]
    [TestCase("DAYS(customer, start)", "Expected a date at column 6")]
    public void Evaluate_Invalid_ThrowsFormulaException(string formula, string message)
    {
        var error = Assert.Throws<FormulaException>(() => Eval(formula));

        Assert.That(error!.Message, Does.Contain(message));
    }

    [TestCase("price +* 2", 8, "*")]
    [TestCase("SUMM(price)", 1, "SUMM")]
    [TestCase("ROUND(1, 2, 3)", 1, "ROUND")]
    [TestCase("(price + 1", 11, "")]
    [TestCase("'open", 1, "'open")]
    [TestCase("price # 2", 7, "#")]
    [TestCase("price 2", 7, "2")]
    [TestCase("", 1, "")]
    [TestCase("quantity >= 3 AND quantity <= 3", 15, "AND")]
    public void TryParse_SyntaxError_GivesColumnAndToken(string formula, int column, string token)
    {
        var ok = Engine.TryParse(formula, out var parsed, out var error);

        Assert.That(ok, Is.False);
        Assert.That(parsed, Is.Null);
        Assert.That(error!.Column, Is.EqualTo(column), error.Message);
        Assert.That(error.Token, Is.EqualTo(token));
    }

    [Test]
    public void Parse_UnknownFunction_ListsKnownOnes()
    {
        var error = Assert.Throws<FormulaSyntaxException>(() => Engine.Parse("SUMM(price)"));

        Assert.That(error!.Message, Does.StartWith("Unknown function 'SUMM' at column 1; expected one of ABS, ADDDAYS,"));
    }

    [Test]
    public void Parse_DeepNesting_IsSyntaxErrorNotCrash()
    {
        var formula = new string('(', 200_000) + "1" + new string(')', 200_000);

        Assert.Throws<FormulaSyntaxException>(() => new FormulaEngine().Parse(formula));
    }

    [Test]
    public void Dependencies_ListFieldsRowsAndSubTables()
    {
        var parsed = Engine.Parse("IF(ISEMPTY(discount), SUM(lines.amount), form.total) * row.qty + price");

        Assert.That(parsed.Dependencies, Is.EquivalentTo(new[] { "discount", "lines", "total", "row.qty", "price" }));
    }

    [Test]
    public void Parse_SameText_IsCached()
    {
        var engine = new FormulaEngine(Clock);

        var first = engine.Parse("price * 2");
        var second = engine.Parse("price * 2");
        engine.Evaluate("price * 2", Context());

        Assert.That(second, Is.SameAs(first));
        Assert.That(engine.ParseCount, Is.EqualTo(1));
    }

    [Test]
    public void Evaluate_TodayInTenantZone_UsesLocalDate()
    {
        var context = Context() with { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai") };

        Assert.That(Engine.Evaluate("TODAY()", context)!.GetValue<string>(), Is.EqualTo("2025-01-01"));
    }
}
