using System.Text.Json.Nodes;
using Bunit;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
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
            Assert.That(errors, Does.Contain("\"Customer\" is required"));
            Assert.That(errors, Does.Contain("\"Order total\" value -5 is less than the minimum 0"));
        });
    }

    [Test]
    public void Empty_money_names_currency_in_label()
    {
        var data = new JsonObject { ["customer"] = "Ruijin" };
        var cut = Context.Render<FormRenderer>(parameters => parameters
            .Add(p => p.Form, OrderDefinitions.Form())
            .Add(p => p.Data, data));

        var total = cut.Find("[data-field=total]");
        Assert.That(total.QuerySelectorAll(".mud-input-adornment-start"), Is.Empty);
        Assert.That(total.QuerySelector("label")!.TextContent, Is.EqualTo("Order total (CNY) *"));

        cut.Find("[data-field=total] input").Change("12.5");

        cut.WaitForAssertion(() => Assert.That(
            cut.Find("[data-field=total] .mud-input-adornment-start").TextContent.Trim(), Is.EqualTo("CNY")));
        Assert.That(cut.Find("[data-field=total] label").TextContent, Is.EqualTo("Order total *"));
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

    [Test]
    public void Member_field_shows_person_name()
    {
        var form = OrderDefinitions.Form();
        form.Fields.Add(new FieldDefinition
        {
            Id = "owner", Type = FieldTypes.Member, Label = new LocalizedText("负责销售", "Sales owner"),
        });
        var names = new Dictionary<string, string> { ["sales-east-1"] = "刘洋 Liu Yang", ["sales-east-2"] = "陈静 Chen Jing" };

        var cut = Context.Render<FormRenderer>(parameters => parameters
            .Add(p => p.Form, form)
            .Add(p => p.Data, new JsonObject { ["customer"] = "Ruijin", ["owner"] = "sales-east-1" })
            .Add(p => p.ReadOnly, true)
            .Add(p => p.UserNames, names));

        Assert.That(cut.Find("[data-field=owner] input").GetAttribute("value"), Is.EqualTo("刘洋 Liu Yang"));
    }

    [Test]
    public void Member_field_marks_unknown_id()
    {
        var form = OrderDefinitions.Form();
        form.Fields.Add(new FieldDefinition
        {
            Id = "owner", Type = FieldTypes.Member, Label = new LocalizedText("负责销售", "Sales owner"),
        });

        var cut = Context.Render<FormRenderer>(parameters => parameters
            .Add(p => p.Form, form)
            .Add(p => p.Data, new JsonObject { ["customer"] = "Ruijin", ["owner"] = "sales-east-9" })
            .Add(p => p.ReadOnly, true)
            .Add(p => p.UserNames, new Dictionary<string, string> { ["sales-east-1"] = "刘洋 Liu Yang" }));

        Assert.That(cut.Find("[data-field=owner] input").GetAttribute("value"),
            Is.EqualTo("sales-east-9 (unknown user)"));
    }

    [Test]
    public async Task Member_field_lists_people_by_name()
    {
        var form = OrderDefinitions.Form();
        form.Fields.Add(new FieldDefinition
        {
            Id = "owner", Type = FieldTypes.Member, Label = new LocalizedText("负责销售", "Sales owner"),
        });
        var data = new JsonObject { ["customer"] = "Ruijin", ["owner"] = "left-the-company" };
        var names = new Dictionary<string, string>
        {
            ["sales-east-1"] = "刘洋 Liu Yang", ["sales-east-2"] = "陈静 Chen Jing",
        };
        var cut = Context.Render<FormRenderer>(parameters => parameters
            .Add(p => p.Form, form)
            .Add(p => p.Data, data)
            .Add(p => p.UserNames, names));
        var select = cut.FindComponents<MudBlazor.MudSelect<string>>()
            .Single(candidate => candidate.Instance.Label == "Sales owner");

        await cut.InvokeAsync(() => select.Instance.OpenMenu());
        var choices = Popovers.FindAll(".mud-list-item").Select(item => item.TextContent.Trim()).ToList();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("sales-east-2"));

        Assert.That(choices, Is.EquivalentTo(new[]
        {
            "刘洋 Liu Yang", "陈静 Chen Jing", "left-the-company (unknown user)",
        }));
        Assert.That(data["owner"]!.GetValue<string>(), Is.EqualTo("sales-east-2"));
        cut.WaitForAssertion(() => Assert.That(
            cut.Find("[data-field=owner] input").GetAttribute("value"), Is.EqualTo("陈静 Chen Jing")));
    }

    [Test]
    public async Task Multiple_member_field_keeps_a_list()
    {
        var form = OrderDefinitions.Form();
        form.Fields.Add(new FieldDefinition
        {
            Id = "team", Type = FieldTypes.Member, Multiple = true, Label = new LocalizedText("团队", "Team"),
        });
        var data = new JsonObject { ["customer"] = "Ruijin", ["team"] = new JsonArray("sales-east-1") };
        var names = new Dictionary<string, string>
        {
            ["sales-east-1"] = "刘洋 Liu Yang", ["sales-east-2"] = "陈静 Chen Jing",
        };
        var cut = Context.Render<FormRenderer>(parameters => parameters
            .Add(p => p.Form, form)
            .Add(p => p.Data, data)
            .Add(p => p.UserNames, names));
        var select = cut.FindComponents<MudBlazor.MudSelect<string>>()
            .Single(candidate => candidate.Instance.Label == "Team");

        await cut.InvokeAsync(() =>
            select.Instance.SelectedValuesChanged.InvokeAsync(["sales-east-1", "sales-east-2"]));

        Assert.That(select.Instance.MultiSelection, Is.True);
        Assert.That(data["team"]!.ToJsonString(), Is.EqualTo("""["sales-east-1","sales-east-2"]"""));
    }
}
