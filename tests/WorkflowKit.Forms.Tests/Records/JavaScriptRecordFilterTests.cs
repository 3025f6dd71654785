using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Organization;
using WorkflowKit.Records;

namespace WorkflowKit.Forms.Tests.Records;

/// <summary>JavaScript record filters become database filters, and a script that cannot names its place.</summary>
public sealed class JavaScriptRecordFilterTests
{
    private static readonly OrgUser East = new(
        "sales-east-1", "何明", "d-east", ["sales"], new Dictionary<string, string> { ["region"] = "east" });

    [Test]
    public void Comparison_becomes_rule()
    {
        var filter = JavaScriptRecordFilter.Translate("form.total > 500000", East);

        Assert.That(Describe(filter), Is.EqualTo("total gt 500000"));
    }

    [Test]
    public void Literal_on_left_mirrors_operator()
    {
        var filter = JavaScriptRecordFilter.Translate("500000 <= form['total']", East);

        Assert.That(Describe(filter), Is.EqualTo("total gte 500000"));
    }

    [Test]
    public void Logic_keeps_its_shape()
    {
        var filter = JavaScriptRecordFilter.Translate(
            "(form.region === 'east' || form.region == \"north\") && !(form.status !== 'shipped')", East);

        Assert.That(Describe(filter),
            Is.EqualTo("((region eq \"east\" or region eq \"north\") and not (status ne \"shipped\"))"));
    }

    [Test]
    public void Methods_become_text_rules()
    {
        var filter = JavaScriptRecordFilter.Translate(
            "form.customerName.includes('华山') && String(form.orderNo).startsWith('SO-') && " +
            "form.note.endsWith('!') && ['east', 'west'].includes(form.region)", East);

        Assert.That(Describe(filter), Is.EqualTo(
            "(customerName contains \"华山\" and orderNo startsWith \"SO-\" and note endsWith \"!\" and " +
            "region in [\"east\",\"west\"])"));
    }

    [Test]
    public void User_value_resolves()
    {
        var filter = JavaScriptRecordFilter.Translate("form.region === user.region && form.owner == user.id", East);

        Assert.That(Describe(filter), Is.EqualTo("(region eq \"east\" and owner eq \"sales-east-1\")"));
    }

    [Test]
    public void Missing_user_value_admits_none()
    {
        var filter = JavaScriptRecordFilter.Translate("form.region === user.territory", East);

        Assert.That(filter, Is.EqualTo(RecordFilter.False));
    }

    [Test]
    public void Field_against_field()
    {
        var filter = JavaScriptRecordFilter.Translate("form.paid < form.total", East);

        Assert.That(filter, Is.EqualTo(new RecordFilterRule("paid", RuleOperators.LessThan, null, "total")));
    }

    [Test]
    public void Decimal_literal_stays_exact()
    {
        var filter = (RecordFilterRule)JavaScriptRecordFilter.Translate("form.amount == -12345678901234.56", East);

        Assert.That(filter.Value!.GetValue<decimal>(), Is.EqualTo(-12345678901234.56m));
    }

    [Test]
    public void Rule_builder_script_translates()
    {
        var filter = JavaScriptRecordFilter.Translate(
            "(form.note == null || form.note === '') || (!['a', 'b'].includes(form.kind))", East);

        Assert.That(Describe(filter), Is.EqualTo(
            "(note eq null or note eq \"\" or not (kind in [\"a\",\"b\"]))"));
    }

    [Test]
    public void Condition_with_script_filters()
    {
        var condition = new Condition { JavaScript = "form.total >= 10" };

        var filter = ConditionFilters.FromCondition(condition, East);

        Assert.That(Describe(filter), Is.EqualTo("total gte 10"));
    }

    [Test]
    public void Syntax_error_names_line_and_column()
    {
        var error = Assert.Throws<JavaScriptFilterException>(() =>
            JavaScriptRecordFilter.Translate("form.total >\n  && form.region === 'east'", East))!;

        Assert.That(error.Problem, Is.EqualTo(JavaScriptFilterProblem.Syntax));
        Assert.That((error.Line, error.Column), Is.EqualTo((2, 3)));
        Assert.That(error.Snippet, Is.EqualTo("&& form.region === 'east'"));
        Assert.That(error.Message, Does.StartWith(
            "The JavaScript filter has a syntax error at line 2, column 3: Unexpected token"));
    }

    [Test]
    public void Unsupported_call_names_its_place()
    {
        var error = Assert.Throws<JavaScriptFilterException>(() =>
            JavaScriptRecordFilter.Translate("form.region === 'east' && Math.max(form.a, 1) > 3", East))!;

        Assert.That(error.Problem, Is.EqualTo(JavaScriptFilterProblem.Unsupported));
        Assert.That((error.Line, error.Column), Is.EqualTo((1, 27)));
        Assert.That(error.Snippet, Is.EqualTo("Math.max(form.a, 1) > 3"));
        Assert.That(error.Message, Is.EqualTo(
            "The JavaScript filter cannot use 'Math.max(form.a, 1) > 3' at line 1, column 27: neither side is a form " +
            "field such as form.total. A record filter compares form fields (form.total) with fixed values, other " +
            "fields or user values (user.region) through ==, ===, !=, !==, <, <=, >, >=, includes, startsWith and " +
            "endsWith, joined by &&, || and !; rewrite that part or use the rule builder."));
    }

    [TestCase("var x = 1; form.a == x", 1, 12)]
    [TestCase("form.a = 5", 1, 1)]
    [TestCase("form.a == 1 ? true : false", 1, 1)]
    [TestCase("form.a.toUpperCase() == 'X'", 1, 1)]
    [TestCase("form.a == someName", 1, 11)]
    public void Unsupported_script_is_rejected(string script, int line, int column)
    {
        var error = Assert.Throws<JavaScriptFilterException>(() => JavaScriptRecordFilter.Translate(script, East))!;

        Assert.That(error.Problem, Is.EqualTo(JavaScriptFilterProblem.Unsupported));
        Assert.That((error.Line, error.Column), Is.EqualTo((line, column)));
    }

    private static string Describe(RecordFilter filter) => filter switch
    {
        RecordFilterRule rule => $"{rule.Field} {rule.Operator} {Literal(rule.Value)}",
        RecordFilterAnd and => "(" + string.Join(" and ", and.Items.Select(Describe)) + ")",
        RecordFilterOr or => "(" + string.Join(" or ", or.Items.Select(Describe)) + ")",
        RecordFilterNot not => "not (" + Describe(not.Item) + ")",
        RecordFilterConstant constant => constant.Value ? "true" : "false",
        _ => filter.ToString()!,
    };

    private static string Literal(JsonNode? value) => value switch
    {
        null => "null",
        JsonArray items => "[" + string.Join(",", items.Select(Literal)) + "]",
        JsonValue text when text.TryGetValue<string>(out var s) => $"\"{s}\"",
        _ => value.ToJsonString(),
    };
}
