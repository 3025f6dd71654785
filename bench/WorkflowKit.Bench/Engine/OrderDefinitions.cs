using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Bench.Engine;

/// <summary>
/// The benchmark's standard flow: an order form with lines, a rule-builder credit check, one
/// approval by the initiator's manager, an automatic shipment record, end. The automatic variant
/// replaces the approval by a script node, as the peer comparison needs.
/// </summary>
public static class OrderDefinitions
{
    public const string OrderForm = "bench-order";
    public const string ShipmentForm = "bench-shipment";
    public const string ApprovalFlow = "bench-order-approval";
    public const string AutomaticFlow = "bench-order-automatic";
    public const string ApprovalNode = "approve";

    public static readonly string[] Regions = ["east", "west", "north", "south"];

    public static FormDefinition Order() => new()
    {
        Key = OrderForm,
        Name = new LocalizedText("Order"),
        Fields =
        [
            Field("customer", FieldTypes.Text, required: true, field => field.MaxLength = 100),
            Field("region", FieldTypes.SingleSelect, required: true, field =>
                field.Options = [.. Regions.Select(region => new FieldOption { Value = region, Label = new(region) })]),
            Field("creditLimit", FieldTypes.Money, required: true, field => field.Min = 0),
            Field("overdueCount", FieldTypes.Number, required: true, field => field.Min = 0),
            Field("total", FieldTypes.Money, required: true, field => field.Min = 0),
            Field("lines", FieldTypes.SubTable, required: true, field =>
            {
                field.MinRows = 1;
                field.MaxRows = 200;
                field.Fields =
                [
                    Field("product", FieldTypes.Text, required: true, column => column.MaxLength = 40),
                    Field("quantity", FieldTypes.Number, required: true, column => column.Min = 1),
                    Field("unitPrice", FieldTypes.Money, required: true, column => column.Min = 0),
                ];
            }),
        ],
    };

    /// <summary>The record the automatic step creates; customer and region are indexed for lists.</summary>
    public static FormDefinition Shipment() => new()
    {
        Key = ShipmentForm,
        Name = new LocalizedText("Shipment"),
        TitleField = "customer",
        IndexedFields = ["region", "total"],
        Fields =
        [
            Field("customer", FieldTypes.Text, required: true),
            Field("region", FieldTypes.SingleSelect, required: true, field =>
                field.Options = [.. Regions.Select(region => new FieldOption { Value = region, Label = new(region) })]),
            Field("total", FieldTypes.Money, required: true),
            Field("lines", FieldTypes.SubTable, required: false, field => field.Fields =
            [
                Field("product", FieldTypes.Text, required: true),
                Field("quantity", FieldTypes.Number, required: true),
                Field("unitPrice", FieldTypes.Money, required: true),
            ]),
        ],
    };

    /// <summary>The credit check as rule-builder rules: no overdue payments and the total within the limit.</summary>
    public static Condition CreditCheck() => Condition.AllOf(
        new Rule { Field = "overdueCount", Operator = RuleOperators.Equal, Value = 0 },
        new Rule { Field = "total", Operator = RuleOperators.LessThanOrEqual, ValueField = "creditLimit" });

    public static FlowDefinition ApprovalFlowDefinition() => Flow(ApprovalFlow, new NodeDefinition
    {
        Id = ApprovalNode,
        Type = NodeTypes.Approval,
        Name = new LocalizedText("Manager approval"),
        Assignees = [new AssigneeRule { Type = AssigneeTypes.InitiatorManager }],
    });

    public static FlowDefinition AutomaticFlowDefinition() => Flow(AutomaticFlow, new NodeDefinition
    {
        Id = ApprovalNode,
        Type = NodeTypes.Script,
        Name = new LocalizedText("Automatic approval"),
        Script = "vars.approved = form.total <= form.creditLimit;",
    });

    /// <summary>An order of <paramref name="lines"/> lines whose total is within the credit limit.</summary>
    public static JsonObject NewOrder(int sequence, int lines = 3)
    {
        var rows = new JsonArray();
        var total = 0m;
        for (var line = 0; line < lines; line++)
        {
            var quantity = 1 + ((sequence + line) % 20);
            var unitPrice = 12.5m + line;
            total += quantity * unitPrice;
            rows.Add(new JsonObject
            {
                ["product"] = "P" + (line + 1).ToString("00", CultureInfo.InvariantCulture),
                ["quantity"] = quantity,
                ["unitPrice"] = unitPrice,
            });
        }

        return new JsonObject
        {
            ["customer"] = "Hospital " + (sequence % 500).ToString(CultureInfo.InvariantCulture),
            ["region"] = Regions[sequence % Regions.Length],
            ["creditLimit"] = 1_000_000m,
            ["overdueCount"] = 0,
            ["total"] = total,
            ["lines"] = rows,
        };
    }

    private static FlowDefinition Flow(string key, NodeDefinition decision) => new()
    {
        Key = key,
        Name = new LocalizedText(key),
        Form = OrderForm,
        Nodes =
        [
            Node("start", NodeTypes.Start),
            Node("credit", NodeTypes.Condition),
            decision,
            new NodeDefinition
            {
                Id = "ship",
                Type = NodeTypes.CreateRecord,
                Name = new LocalizedText("Create shipment"),
                Form = ShipmentForm,
                Values = new()
                {
                    ["customer"] = "form.customer",
                    ["region"] = "form.region",
                    ["total"] = "form.total",
                },
                SubTables = new() { ["lines"] = new SubTableWrite { Strategy = "replace", Rows = "form.lines" } },
                ResultVariable = "shipment",
            },
            Node("end", NodeTypes.End),
            Node("declined", NodeTypes.End),
        ],
        Edges =
        [
            Edge("start", "credit"),
            new EdgeDefinition { Id = "credit-ok", From = "credit", To = decision.Id, Condition = CreditCheck() },
            new EdgeDefinition { Id = "credit-declined", From = "credit", To = "declined", IsDefault = true },
            Edge(decision.Id, "ship"),
            Edge("ship", "end"),
        ],
    };

    private static NodeDefinition Node(string id, string type) => new() { Id = id, Type = type, Name = new LocalizedText(id) };

    private static EdgeDefinition Edge(string from, string to) => new() { Id = $"{from}-{to}", From = from, To = to };

    private static FieldDefinition Field(string id, string type, bool required, Action<FieldDefinition>? configure = null)
    {
        var field = new FieldDefinition { Id = id, Type = type, Label = new LocalizedText(id), Required = required };
        configure?.Invoke(field);
        return field;
    }
}
