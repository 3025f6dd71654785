using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>
/// The sales order flow with a purchase cost field and order lines whose unit price the manager may not see: the
/// manager node hides <c>cost</c> and <c>lines.unitPrice</c> and lets the manager edit the note and the lines.
/// </summary>
public static class HiddenFieldDefinitions
{
    public const decimal Cost = 3120.40m;

    public const decimal UnitPrice = 88.50m;

    public static FormDefinition Form()
    {
        var form = OrderDefinitions.Form();
        form.Fields.Add(new FieldDefinition
        {
            Id = "cost", Type = FieldTypes.Money, Label = new LocalizedText("采购成本", "Purchase cost"), Scale = 2,
        });
        form.Fields.Add(new FieldDefinition
        {
            Id = "lines",
            Type = FieldTypes.SubTable,
            Label = new LocalizedText("订单行", "Order lines"),
            Fields =
            [
                new FieldDefinition { Id = "product", Type = FieldTypes.Text, Label = new LocalizedText("产品", "Product") },
                new FieldDefinition { Id = "quantity", Type = FieldTypes.Number, Label = new LocalizedText("数量", "Quantity") },
                new FieldDefinition { Id = "unitPrice", Type = FieldTypes.Money, Label = new LocalizedText("单价", "Unit price"), Scale = 2 },
            ],
        });
        return form;
    }

    /// <summary>The order flow with the manager's permissions, with a script step before the manager when given.</summary>
    public static FlowDefinition Flow(string? script = null)
    {
        var flow = script is null ? OrderDefinitions.Flow() : OrderDefinitions.FlowWithScript(script);
        var manager = flow.Nodes.Single(node => node.Id == OrderDefinitions.ManagerNode);
        manager.FieldPermissions = Permissions();
        return flow;
    }

    /// <summary>The field permissions of the manager node.</summary>
    public static Dictionary<string, FieldPermission> Permissions() => new()
    {
        ["note"] = new FieldPermission { Access = FieldPermission.Editable },
        ["cost"] = new FieldPermission { Access = FieldPermission.Hidden },
        ["lines"] = new FieldPermission { Access = FieldPermission.Editable, AddRows = false, DeleteRows = false },
        ["lines.unitPrice"] = new FieldPermission { Access = FieldPermission.Hidden },
    };

    /// <summary>An order of two lines with a purchase cost and unit prices.</summary>
    public static JsonObject Order() => new()
    {
        ["customer"] = "仁济医院",
        ["region"] = "east",
        ["total"] = 5000m,
        ["cost"] = Cost,
        ["lines"] = new JsonArray(
            new JsonObject { ["product"] = "IVD-0001", ["quantity"] = 40, ["unitPrice"] = UnitPrice },
            new JsonObject { ["product"] = "IVD-0002", ["quantity"] = 12, ["unitPrice"] = 120.00m }),
    };

    /// <summary>Saves and publishes the form and flow v1 as the given user, with a script step when given.</summary>
    public static Task PublishAsync(IDefinitionService definitions, string userId, string? script = null) =>
        TestPackages.PublishAsync(definitions, Form(), Flow(script), userId, "hidden-field");
}
