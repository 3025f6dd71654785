using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Forms;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Forms;

/// <summary>
/// The key box of a new form or flow: a key that cannot be used is explained in words with an example made from the
/// name, and the suggested key can be taken with one click.
/// </summary>
public sealed class DefinitionKeyInputTests : ComponentTestBase
{
    [Test]
    public void Chinese_key_explained_with_example_from_name()
    {
        var cut = Render("销售订单", "Sales order", DefinitionKind.Form);

        var problem = cut.Find("[data-testid=key-problem]").TextContent;

        Assert.That(problem, Is.EqualTo(
            "The key \"销售订单\" cannot be used. The key names the form in links, exported files and the API, so it " +
            "may contain only English letters, digits, \"-\", \"_\" and \".\", must start with a letter and has at " +
            "most 100 characters, for example \"sales-order\". The form's name can be in any language."));
        Assert.That(problem, Does.Not.Contain("^[A-Za-z]"));
    }

    [Test]
    public void Suggested_key_replaces_typed_one()
    {
        string? key = "1 order";
        var cut = Context.Render<DefinitionKeyInput>(parameters => parameters
            .Add(p => p.Value, key)
            .Add(p => p.Name, "订单")
            .Add(p => p.Kind, DefinitionKind.Flow)
            .Add(p => p.ValueChanged, value => key = value));

        var button = cut.Find("[data-testid=use-suggested-key]");
        Assert.That(button.TextContent.Trim(), Is.EqualTo("Use the key \"order-1\""));
        button.Click();

        Assert.That(key, Is.EqualTo("order-1"));
    }

    [Test]
    public void Chinese_page_explains_in_chinese()
    {
        Context.Services.GetRequiredService<UiText>().Culture = "zh-CN";

        var cut = Render("销售 订单", "销售订单", DefinitionKind.Flow);

        Assert.That(cut.Find("[data-testid=key-problem]").TextContent, Is.EqualTo(
            "键“销售 订单”不能使用。键在链接、导出文件和 API 中代表这个流程，因此只能包含英文字母、数字、“-”、“_”和“.”，" +
            "必须以字母开头，最多 100 个字符，例如“order-approval”。流程名称可以使用任何语言。"));
        Assert.That(cut.FindAll("[data-testid=use-suggested-key]"), Is.Empty);
    }

    [Test]
    public void Valid_key_shows_no_problem()
    {
        var cut = Render("sales-order", "Sales order", DefinitionKind.Form);

        Assert.That(cut.FindAll("[data-testid=key-advice]"), Is.Empty);
    }

    [Test]
    public void Empty_key_offers_key_from_name()
    {
        var cut = Render(null, "Customer visit", DefinitionKind.Form);

        Assert.That(cut.FindAll("[data-testid=key-problem]"), Is.Empty);
        Assert.That(cut.Find("[data-testid=use-suggested-key]").TextContent.Trim(),
            Is.EqualTo("Use the key \"customer-visit\""));
    }

    private IRenderedComponent<DefinitionKeyInput> Render(string? key, string? name, DefinitionKind kind) =>
        Context.Render<DefinitionKeyInput>(parameters => parameters
            .Add(p => p.Value, key)
            .Add(p => p.Name, name)
            .Add(p => p.Kind, kind));
}
