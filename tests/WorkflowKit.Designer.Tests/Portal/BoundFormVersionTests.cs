using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// The portal shows and validates the form version a flow version was published with, as the engine does,
/// so a form published later changes nothing until the flow is published again.
/// </summary>
[TestFixture]
public sealed class BoundFormVersionTests
{
    private static readonly UserContext Sales = new(
        "sales1", "张伟", "sales-east", [RoleNames.Sales], new Dictionary<string, string> { ["region"] = "east" },
        "zh-CN");

    private static readonly UserContext Manager = new(
        "manager", "王芳", "sales-east", [RoleNames.SalesManager],
        new Dictionary<string, string> { ["region"] = "east" }, "zh-CN");

    [Test]
    public async Task Later_form_waits_for_flow_publish()
    {
        await using var app = new DesignerAppFactory();
        using var scope = app.Services.CreateScope();
        var definitions = scope.ServiceProvider.GetRequiredService<IDefinitionService>();
        var work = scope.ServiceProvider.GetRequiredService<IWorkService>();
        await OrderDefinitions.PublishAsync(definitions, "owner");
        await PublishFormWithRequiredFieldAsync(definitions);

        var startable = (await work.GetStartableFlowsAsync(Sales, default))
            .Single(flow => flow.FlowKey == OrderDefinitions.FlowKey);
        var instance = await work.StartAsync(
            OrderDefinitions.FlowKey,
            new JsonObject { ["customer"] = "仁济医院", ["region"] = "east", ["total"] = 5000 },
            Sales,
            default);

        Assert.That(startable.FormJson, Does.Not.Contain("contractNo"));
        Assert.That(instance.Id, Is.Not.Empty);
    }

    [Test]
    public async Task Republished_flow_uses_new_form()
    {
        await using var app = new DesignerAppFactory();
        using var scope = app.Services.CreateScope();
        var definitions = scope.ServiceProvider.GetRequiredService<IDefinitionService>();
        var work = scope.ServiceProvider.GetRequiredService<IWorkService>();
        await OrderDefinitions.PublishAsync(definitions, "owner");
        await PublishFormWithRequiredFieldAsync(definitions);
        var draft = await definitions.GetDraftAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, default);
        await definitions.SaveDraftAsync(
            DefinitionKind.Flow, OrderDefinitions.FlowKey, DefinitionJson.Serialize(OrderDefinitions.Flow()),
            draft!.Revision, "owner", default);
        await definitions.PublishAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, "owner", null, default);

        var startable = (await work.GetStartableFlowsAsync(Sales, default))
            .Single(flow => flow.FlowKey == OrderDefinitions.FlowKey);

        Assert.That(startable.FormJson, Does.Contain("contractNo"));
        Assert.ThrowsAsync<FormValidationException>(() => work.StartAsync(
            OrderDefinitions.FlowKey,
            new JsonObject { ["customer"] = "仁济医院", ["region"] = "east", ["total"] = 5000 },
            Sales,
            default));
    }

    [Test]
    public async Task Titles_use_bound_form_version()
    {
        await using var app = new DesignerAppFactory();
        using var scope = app.Services.CreateScope();
        var definitions = scope.ServiceProvider.GetRequiredService<IDefinitionService>();
        var work = scope.ServiceProvider.GetRequiredService<IWorkService>();
        await OrderDefinitions.PublishAsync(definitions, "owner");

        // A later form version titles records by region; flow version 1 stays bound to form version 1.
        var form = OrderDefinitions.Form();
        form.TitleField = "region";
        var draft = await definitions.GetDraftAsync(DefinitionKind.Form, OrderDefinitions.FormKey, default);
        await definitions.SaveDraftAsync(
            DefinitionKind.Form, OrderDefinitions.FormKey, DefinitionJson.Serialize(form), draft!.Revision, "owner",
            default);
        var published = await definitions.PublishAsync(
            DefinitionKind.Form, OrderDefinitions.FormKey, "owner", null, default);
        Assert.That(published.Published, Is.True, string.Join("; ", published.Diagnostics.Select(d => d.Message)));

        var started = await work.StartAsync(
            OrderDefinitions.FlowKey,
            new JsonObject { ["customer"] = "仁济医院", ["region"] = "east", ["total"] = 5000 },
            Sales,
            default);
        var submission = (await work.GetSubmissionsAsync(Sales, default)).Single();
        var managerTask = (await work.GetInboxAsync(Manager, default)).Single(task => task.InstanceId == started.Id);

        Assert.That(started.FlowVersion, Is.EqualTo(1));
        Assert.That(started.Title, Is.EqualTo("仁济医院"));
        Assert.That(submission.Title, Is.EqualTo("仁济医院"));
        Assert.That(managerTask.Title, Is.EqualTo("仁济医院"));
    }

    private static async Task PublishFormWithRequiredFieldAsync(IDefinitionService definitions)
    {
        var form = JsonNode.Parse(DefinitionJson.Serialize(OrderDefinitions.Form()))!.AsObject();
        var field = new FieldDefinition
        {
            Id = "contractNo", Type = FieldTypes.Text, Label = new LocalizedText("合同编号", "Contract number"),
            Required = true,
        };
        form["fields"]!.AsArray().Add(JsonNode.Parse(DefinitionJson.Serialize(field)));
        var draft = await definitions.GetDraftAsync(DefinitionKind.Form, OrderDefinitions.FormKey, default);
        await definitions.SaveDraftAsync(
            DefinitionKind.Form, OrderDefinitions.FormKey, form.ToJsonString(), draft!.Revision, "owner", default);
        var result = await definitions.PublishAsync(DefinitionKind.Form, OrderDefinitions.FormKey, "owner", null, default);
        Assert.That(result.Published, Is.True, string.Join("; ", result.Diagnostics.Select(d => d.Message)));
    }
}
