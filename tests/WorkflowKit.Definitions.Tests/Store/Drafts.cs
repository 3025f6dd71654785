namespace WorkflowKit.Definitions.Tests.Store;

/// <summary>Small valid definitions for store tests.</summary>
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

    public static string Flow(string key, string approvalName = "Approve", bool withNotify = false)
    {
        var notifyNode = withNotify
            ? """, { "id": "notify", "type": "notification", "recipients": [{ "type": "initiator" }] }"""
            : string.Empty;
        var edges = withNotify
            ? """{ "id": "e1", "from": "start", "to": "approve" }, { "id": "e3", "from": "approve", "to": "notify" }, { "id": "e4", "from": "notify", "to": "end" }"""
            : """{ "id": "e1", "from": "start", "to": "approve" }, { "id": "e2", "from": "approve", "to": "end" }""";
        return $$"""
            {
              "formatVersion": 1, "kind": "flow", "key": "{{key}}", "name": "Order flow", "form": "order",
              "nodes": [
                { "id": "start", "type": "start" },
                { "id": "approve", "type": "approval", "name": "{{approvalName}}",
                    "assignees": [{ "type": "initiatorManager" }] },
                { "id": "end", "type": "end" }{{notifyNode}}
              ],
              "edges": [ {{edges}} ]
            }
            """;
    }
}
