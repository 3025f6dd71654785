namespace WorkflowKit.Storage.Tests.Definitions;

/// <summary>Small valid definitions for the definitions store contract.</summary>
internal static class Drafts
{
    public static string Form(string key, string extraField = "") => $$"""
        {
          "formatVersion": 1, "kind": "form", "key": "{{key}}", "name": "Order",
          "fields": [
            { "id": "amount", "type": "money", "label": "Amount" },
            { "id": "dueDate", "type": "date", "label": "Due" }{{extraField}}
          ]
        }
        """;

    public static string Flow(string key, string approvalName = "Approve") => $$"""
        {
          "formatVersion": 1, "kind": "flow", "key": "{{key}}", "name": "Order flow", "form": "order",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "approve", "type": "approval", "name": "{{approvalName}}",
                "assignees": [{ "type": "initiatorManager" }] },
            { "id": "end", "type": "end" }
          ],
          "edges": [ { "id": "e1", "from": "start", "to": "approve" }, { "id": "e2", "from": "approve", "to": "end" } ]
        }
        """;
}
