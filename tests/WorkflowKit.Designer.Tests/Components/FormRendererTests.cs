using System.Text.Json.Nodes;
using Bunit;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Forms;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Components;

[TestFixture]
public sealed class FormRendererTests : ComponentTestBase
{
    [Test]
    public void Submit_with_missing_required_fields_shows_the_validator_messages()
    {
        var submitted = false;
        var cut = Context.Render<FormRenderer>(parameters => parameters
            .Add(p => p.Form, OrderDefinitions.Form())
            .Add(p => p.Data, new JsonObject { ["total"] = -5m })
            .Add(p => p.OnValidSubmit, () => submitted = true));

        cut.Find("form").Submit();

        var errors = cut.Find("[data-testid=form-errors]").TextContent;
        Assert.Multiple(() =>
        {
            Assert.That(submitted, Is.False);
            Assert.That(errors, Does.Contain("Customer is required."));
            Assert.That(errors, Does.Contain("Order total must be at least 0."));
        });
    }

    [Test]
    public void Valid_data_submits()
    {
        var submitted = false;
        var cut = Context.Render<FormRenderer>(parameters => parameters
            .Add(p => p.Form, OrderDefinitions.Form())
            .Add(p => p.Data, new JsonObject { ["customer"] = "Ruijin", ["region"] = "east", ["total"] = 10m })
            .Add(p => p.OnValidSubmit, () => submitted = true));

        cut.Find("form").Submit();

        Assert.That(submitted, Is.True);
    }

    [Test]
    public void Hidden_fields_are_not_rendered_and_read_only_fields_cannot_be_edited()
    {
        var permissions = new Dictionary<string, FieldPermission>
        {
            ["total"] = new() { Access = FieldPermission.Hidden },
            ["note"] = new() { Access = FieldPermission.Editable },
        };

        var cut = Context.Render<FormRenderer>(parameters => parameters
            .Add(p => p.Form, OrderDefinitions.Form())
            .Add(p => p.Data, new JsonObject { ["customer"] = "Ruijin", ["total"] = 900000m })
            .Add(p => p.Permissions, permissions));

        Assert.Multiple(() =>
        {
            Assert.That(cut.FindAll("[data-field=total]"), Is.Empty);
            Assert.That(cut.Find("[data-field=customer] input").HasAttribute("readonly"), Is.True);
            Assert.That(cut.Find("[data-field=note] textarea").HasAttribute("readonly"), Is.False);
        });
    }
}
