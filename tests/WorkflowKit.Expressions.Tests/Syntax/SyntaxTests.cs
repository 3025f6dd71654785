namespace WorkflowKit.Expressions.Tests.Syntax;

public sealed class SyntaxTests
{
    [Test]
    public void Check_ValidScript_HasNoErrors()
    {
        Assert.That(ExpressionSyntax.Check("form.total > 1000 && vars.ok"), Is.Empty);
    }

    [Test]
    public void Check_InvalidScript_GivesLineColumnAndToken()
    {
        var errors = ExpressionSyntax.Check("var a = 1;\nform.total +* 2");

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That((errors[0].Line, errors[0].Column, errors[0].Token), Is.EqualTo((2, 13, "*")));
        Assert.That(errors[0].Message, Does.Contain("'*'"));
    }

    [Test]
    public void Find_FormMembersAndBareIdentifiers()
    {
        var found = JavaScriptDependencies.Find(
            "var local = 2; form.price * quantity * local + form['rate'] + Math.max(form.lines[0].amount, row.qty)"
            + " + helper(x => x + discount)");

        Assert.That(found, Is.EquivalentTo(new[] { "price", "quantity", "rate", "lines", "row.qty", "helper", "discount" }));
    }

    [Test]
    public void Find_IgnoresPropertyKeysLabelsAndDeclarations()
    {
        var found = JavaScriptDependencies.Find(
            "outer: for (const { a, b: [c] } of items) { const o = { key: a, [dyn]: c }; o.key; break outer; }"
            + " function f(p, ...rest) { return p; } try {} catch (err) { err }");

        Assert.That(found, Is.EquivalentTo(new[] { "items", "dyn" }));
    }

    [Test]
    public void Find_ComputedFormKey_ReportsAnyField()
    {
        var found = JavaScriptDependencies.Find("form[name]");

        Assert.That(found, Is.EquivalentTo(new[] { JavaScriptDependencies.AnyField, "name" }));
    }

    [Test]
    public void Find_InvalidScript_ThrowsSyntaxKind()
    {
        var error = Assert.Throws<ScriptException>(() => JavaScriptDependencies.Find("form.a +* 1"));

        Assert.That(error!.Kind, Is.EqualTo(ScriptErrorKind.Syntax));
    }
}
