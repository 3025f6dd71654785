using System.Text.Json.Nodes;
using Bunit;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Forms;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Components;

/// <summary>The form renderer leaves out fields and sub-table columns hidden at the task's node.</summary>
[TestFixture]
public sealed class HiddenColumnTests : ComponentTestBase
{
    [Test]
    public void Task_form_omits_hidden_column()
    {
        var cut = Render(readOnly: false);

        var headers = cut.FindAll("[data-field=lines] thead th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(headers, Does.Contain("Quantity"));
            Assert.That(headers, Does.Not.Contain("Unit price"));
            Assert.That(cut.FindAll("[data-field=lines] [data-field=unitPrice]"), Is.Empty);
            Assert.That(cut.FindAll("[data-field=lines] tbody [data-field=quantity]"), Has.Count.EqualTo(2));
            Assert.That(cut.FindAll("[data-field=cost]"), Is.Empty, "cost is hidden");
            Assert.That(cut.Markup, Does.Not.Contain("88.5"));
        });
    }

    [Test]
    public void Read_only_form_omits_hidden_column()
    {
        var cut = Render(readOnly: true);

        Assert.Multiple(() =>
        {
            Assert.That(cut.FindAll("[data-field=lines] [data-field=unitPrice]"), Is.Empty);
            Assert.That(cut.FindAll("[data-field=lines] tbody [data-field=product]"), Has.Count.EqualTo(2));
            Assert.That(cut.FindAll("[data-field=cost]"), Is.Empty);
            Assert.That(cut.Markup, Does.Not.Contain("88.5"));
        });
    }

    [Test]
    public void Start_form_shows_every_column()
    {
        var cut = Context.Render<FormRenderer>(parameters => parameters
            .Add(p => p.Form, HiddenFieldDefinitions.Form())
            .Add(p => p.Data, HiddenFieldDefinitions.Order()));

        Assert.That(cut.FindAll("[data-field=lines] tbody [data-field=unitPrice]"), Has.Count.EqualTo(2));
        Assert.That(cut.FindAll("[data-field=cost]"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Task_form_skips_hidden_required_fields()
    {
        var form = RequiredHiddenForm();
        var viewData = HiddenFieldDefinitions.Order();
        viewData.Remove("cost");
        foreach (var row in viewData["lines"]!.AsArray())
        {
            row!.AsObject().Remove("unitPrice");
        }

        var task = Context.Render<FormRenderer>(parameters => parameters
            .Add(p => p.Form, form)
            .Add(p => p.Data, viewData)
            .Add(p => p.Permissions, (IReadOnlyDictionary<string, FieldPermission>)HiddenFieldDefinitions.Permissions()));
        var start = Context.Render<FormRenderer>(parameters => parameters
            .Add(p => p.Form, form)
            .Add(p => p.Data, (JsonObject)viewData.DeepClone())
            .Add(p => p.FormName, "start-form"));

        Assert.That(await task.InvokeAsync(() => task.Instance.ValidateAsync()), Is.True, "task form");
        Assert.That(await start.InvokeAsync(() => start.Instance.ValidateAsync()), Is.False, "start form");
    }

    /// <summary>The order form with the purchase cost and the unit price column required.</summary>
    private static FormDefinition RequiredHiddenForm()
    {
        var form = HiddenFieldDefinitions.Form();
        form.Fields.Single(field => field.Id == "cost").Required = true;
        form.Fields.Single(field => field.Id == "lines").Fields!.Single(column => column.Id == "unitPrice").Required = true;
        return form;
    }

    /// <summary>
    /// Renders the whole stored order, hidden values included, so that the renderer alone must keep them out of the
    /// markup.
    /// </summary>
    private IRenderedComponent<FormRenderer> Render(bool readOnly) =>
        Context.Render<FormRenderer>(parameters => parameters
            .Add(p => p.Form, HiddenFieldDefinitions.Form())
            .Add(p => p.Data, HiddenFieldDefinitions.Order())
            .Add(p => p.ReadOnly, readOnly)
            .Add(p => p.Permissions, (IReadOnlyDictionary<string, FieldPermission>)HiddenFieldDefinitions.Permissions()));
}
