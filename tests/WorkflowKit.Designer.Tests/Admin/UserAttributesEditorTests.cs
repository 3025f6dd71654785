using Bunit;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Admin;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Admin;

public sealed class UserAttributesEditorTests : ComponentTestBase
{
    [Test]
    public void Save_keeps_other_attributes_and_sets_region()
    {
        var user = new DesignerUser(
            "u1", "sales1", "Zhang Wei", "sales-east", ["sales"],
            new Dictionary<string, string> { ["region"] = "east", ["channel"] = "hospital" }, "zh-CN", false);
        DesignerUser? saved = null;
        var editor = Context.Render<UserAttributesEditor>(parameters => parameters
            .Add(p => p.User, user)
            .Add(p => p.Roles, ["sales", "finance"])
            .Add(p => p.OnSave, (DesignerUser edited) => saved = edited));

        TestIds.Input(editor, "user-region").Change("north");
        editor.Find("[data-testid=user-save]").Click();

        Assert.That(saved, Is.Not.Null);
        Assert.That(saved!.Attributes["region"], Is.EqualTo("north"));
        Assert.That(saved.Attributes["channel"], Is.EqualTo("hospital"));
        Assert.That(saved.Roles, Is.EqualTo(new[] { "sales" }));
        Assert.That(saved.DepartmentId, Is.EqualTo("sales-east"));
    }

    [Test]
    public void Attribute_lines_are_parsed()
    {
        var user = new DesignerUser("u2", "finance1", "Liu Yang", null, [], new Dictionary<string, string>(), "en", false);
        DesignerUser? saved = null;
        var editor = Context.Render<UserAttributesEditor>(parameters => parameters
            .Add(p => p.User, user)
            .Add(p => p.OnSave, (DesignerUser edited) => saved = edited));

        editor.Find("textarea[data-testid=user-attributes], [data-testid=user-attributes] textarea").Change("channel = pharmacy\nnot a pair\n = empty name\n");
        editor.Find("[data-testid=user-save]").Click();

        Assert.That(saved!.Attributes, Is.EqualTo(new Dictionary<string, string> { ["channel"] = "pharmacy" }));
    }
}
