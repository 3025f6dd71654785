namespace WorkflowKit.Designer.Tests.Support;

/// <summary>Flows on the sales order form whose instances wait somewhere other than at a person's task.</summary>
public static class WaitFlows
{
    /// <summary>Start, then a four-hour cold-chain rest (node <c>cool</c>) before the manager's approval.</summary>
    public const string Timer = """
        {
          "formatVersion": 1, "kind": "flow", "key": "cooling", "name": { "zh-CN": "冷链静置", "en": "Cooling" },
          "form": "sales-order",
          "nodes": [
            { "id": "start", "type": "start", "position": { "x": 40, "y": 160 } },
            { "id": "cool", "type": "timer", "name": { "zh-CN": "冷链静置", "en": "Cold-chain rest" },
              "duration": "PT4H", "position": { "x": 200, "y": 160 } },
            { "id": "manager-approval", "type": "approval", "name": { "zh-CN": "经理审批", "en": "Manager approval" },
              "assignees": [{ "type": "role", "value": "sales-manager" }], "position": { "x": 360, "y": 160 } },
            { "id": "end", "type": "end", "position": { "x": 520, "y": 160 } }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "cool" }, { "id": "e2", "from": "cool", "to": "manager-approval" },
            { "id": "e3", "from": "manager-approval", "to": "end" }
          ]
        }
        """;
}
