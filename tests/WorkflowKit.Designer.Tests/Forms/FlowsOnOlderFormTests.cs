using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Forms;

/// <summary>
/// After a form is published, the designer lists the flows whose latest version is bound to an older version of it
/// and publishes each again, unchanged, bound to the new form version.
/// </summary>
[TestFixture]
public sealed class FlowsOnOlderFormTests
{
    [Test]
    public async Task Form_publish_lists_bound_flow()
    {
        await using var app = new DesignerAppFactory();
        using var scope = app.Services.CreateScope();
        var definitions = scope.ServiceProvider.GetRequiredService<IDefinitionService>();
        await OrderDefinitions.PublishAsync(definitions, "owner");
        Assert.That(await definitions.ListFlowsOnOlderFormAsync(OrderDefinitions.FormKey, default), Is.Empty,
            "flows before the form changes");

        await PublishFormAsync(definitions, form => form.Fields.Add(new FieldDefinition
        {
            Id = "deliveryNote", Type = FieldTypes.Text, Label = new LocalizedText("送货要求", "Delivery request"),
        }));
        var listed = await definitions.ListFlowsOnOlderFormAsync(OrderDefinitions.FormKey, default);

        Assert.That(listed, Has.Count.EqualTo(1));
        Assert.That(listed[0].FlowKey, Is.EqualTo(OrderDefinitions.FlowKey));
        Assert.That(listed[0].FlowVersion, Is.EqualTo(1));
        Assert.That(listed[0].BoundFormVersion, Is.EqualTo(1));
        Assert.That(listed[0].LatestFormVersion, Is.EqualTo(2));
    }

    [Test]
    public async Task Republish_binds_latest_form_not_draft()
    {
        await using var app = new DesignerAppFactory();
        using var scope = app.Services.CreateScope();
        var definitions = scope.ServiceProvider.GetRequiredService<IDefinitionService>();
        var store = scope.ServiceProvider.GetRequiredService<IDefinitionStore>();
        await OrderDefinitions.PublishAsync(definitions, "owner");
        await PublishFormAsync(definitions, form => form.Fields[3].Label = new LocalizedText("备注说明", "Remarks"));
        var renamed = OrderDefinitions.Flow();
        renamed.Name = new LocalizedText("订单审批（草稿）", "Order approval (draft)");
        var draft = (await definitions.GetDraftAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, default))!;
        await definitions.SaveDraftAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey,
            DefinitionJson.Serialize(renamed), draft.Revision, "owner", default);

        var result = await definitions.RepublishFlowAsync(OrderDefinitions.FlowKey, "owner", "使用表单 v2", default);

        Assert.That(result.Version, Is.EqualTo(2));
        Assert.That(await store.GetBoundFormVersionAsync(OrderDefinitions.FlowKey, 2, default), Is.EqualTo(2));
        var published = DefinitionJson.Deserialize<FlowDefinition>(
            (await definitions.GetVersionJsonAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, 2, default))!);
        Assert.That(published.Name.Get("zh-CN"), Is.EqualTo("订单审批"), "published name");
        var draftAfter = (await definitions.GetDraftAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, default))!;
        Assert.That(DefinitionJson.Deserialize<FlowDefinition>(draftAfter.Json).Name.Get("zh-CN"), Is.EqualTo("订单审批（草稿）"),
            "draft name");
        Assert.That((await definitions.GetHistoryAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, default))[^1].Comment,
            Is.EqualTo("使用表单 v2"));
        Assert.That(await definitions.ListFlowsOnOlderFormAsync(OrderDefinitions.FormKey, default), Is.Empty,
            "flows after republishing");
    }

    [Test]
    public async Task Republish_reports_new_form_errors()
    {
        await using var app = new DesignerAppFactory();
        using var scope = app.Services.CreateScope();
        var definitions = scope.ServiceProvider.GetRequiredService<IDefinitionService>();
        await OrderDefinitions.PublishAsync(definitions, "owner", FlowWithTotalCondition());
        await PublishFormAsync(definitions, form => form.Fields.RemoveAll(field => field.Id == "total"));

        var result = await definitions.RepublishFlowAsync(OrderDefinitions.FlowKey, "owner", null, default);

        Assert.That(result.Published, Is.False);
        Assert.That(result.Diagnostics.Select(diagnostic => diagnostic.Message),
            Has.Some.Contains("Field path \"total\" names no field of the form"));
        Assert.That(result.Diagnostics.Where(diagnostic => diagnostic.Message.Contains("\"total\"", StringComparison.Ordinal))
            .Select(diagnostic => diagnostic.NodeId), Has.All.EqualTo("amount-check"));
        Assert.That(await definitions.GetHistoryAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, default),
            Has.Count.EqualTo(1), "flow versions");
    }

    // Publishes the order form again with one change, as version 2.
    private static async Task PublishFormAsync(IDefinitionService definitions, Action<FormDefinition> change)
    {
        var form = OrderDefinitions.Form();
        change(form);
        var draft = (await definitions.GetDraftAsync(DefinitionKind.Form, OrderDefinitions.FormKey, default))!;
        await definitions.SaveDraftAsync(DefinitionKind.Form, OrderDefinitions.FormKey, DefinitionJson.Serialize(form),
            draft.Revision, "owner", default);
        var result = await definitions.PublishAsync(DefinitionKind.Form, OrderDefinitions.FormKey, "owner", null, default);
        Assert.That(result.Version, Is.EqualTo(2), "form version");
    }

    // The order flow with a condition on the order total before the manager's approval.
    private static FlowDefinition FlowWithTotalCondition()
    {
        var flow = OrderDefinitions.Flow();
        flow.Nodes.Add(new NodeDefinition
        {
            Id = "amount-check", Type = NodeTypes.Condition, Name = new LocalizedText("金额判断", "Amount check"),
            Position = new NodePosition { X = 170, Y = 160 },
        });
        var large = new Condition
        {
            Any = [new RuleGroup { All = [new Rule { Field = "total", Operator = RuleOperators.GreaterThan, Value = JsonValue.Create(1000m) }] }],
        };
        flow.Edges =
        [
            new EdgeDefinition { Id = "e1", From = "start", To = "amount-check" },
            new EdgeDefinition { Id = "e-large", From = "amount-check", To = OrderDefinitions.ManagerNode, Condition = large },
            new EdgeDefinition { Id = "e-small", From = "amount-check", To = "end", IsDefault = true },
            .. flow.Edges.Where(edge => edge.Id != "e1"),
        ];
        return flow;
    }
}
