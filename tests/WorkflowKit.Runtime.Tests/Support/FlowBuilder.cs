using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Runtime.Tests.Support;

/// <summary>Builds flow definitions for tests: nodes by id and type, edges by "from -> to".</summary>
public sealed class FlowBuilder(string key)
{
    private readonly FlowDefinition _flow = new() { Key = key, Name = new LocalizedText(key) };
    private int _edges;

    public FlowBuilder Node(string id, string type, Action<NodeDefinition>? configure = null)
    {
        var node = new NodeDefinition { Id = id, Type = type, Name = new LocalizedText(id) };
        configure?.Invoke(node);
        _flow.Nodes.Add(node);
        return this;
    }

    public FlowBuilder Start(string id = "start") => Node(id, NodeTypes.Start);

    public FlowBuilder End(string id = "end") => Node(id, NodeTypes.End);

    /// <summary>An approval node assigned to users by id.</summary>
    public FlowBuilder Approval(string id, params string[] users) => Node(id, NodeTypes.Approval, node =>
        node.Assignees = [.. users.Select(user => new AssigneeRule { Type = AssigneeTypes.User, Value = user })]);

    public FlowBuilder Approval(string id, string mode, string[] users, Action<NodeDefinition>? configure = null) =>
        Node(id, NodeTypes.Approval, node =>
        {
            node.ApprovalMode = mode;
            node.Assignees = [.. users.Select(user => new AssigneeRule { Type = AssigneeTypes.User, Value = user })];
            configure?.Invoke(node);
        });

    public FlowBuilder FillIn(string id, string user, Action<NodeDefinition>? configure = null) =>
        Node(id, NodeTypes.FillIn, node =>
        {
            node.Assignees = [new AssigneeRule { Type = AssigneeTypes.User, Value = user }];
            configure?.Invoke(node);
        });

    public FlowBuilder Script(string id, string script) => Node(id, NodeTypes.Script, node => node.Script = script);

    /// <summary>Edges along a path: Chain("a", "b", "c") adds a→b and b→c.</summary>
    public FlowBuilder Chain(params string[] nodes)
    {
        for (var index = 1; index < nodes.Length; index++)
        {
            Edge(nodes[index - 1], nodes[index]);
        }

        return this;
    }

    public FlowBuilder Edge(string from, string to, string? when = null, int? priority = null, bool isDefault = false)
    {
        _flow.Edges.Add(new EdgeDefinition
        {
            Id = $"e{++_edges}-{from}-{to}",
            From = from,
            To = to,
            Condition = when is null ? null : Condition.Script(when),
            Priority = priority,
            IsDefault = isDefault,
        });
        return this;
    }

    public FlowBuilder Configure(Action<FlowDefinition> configure)
    {
        configure(_flow);
        return this;
    }

    public FlowDefinition Build() => _flow;
}
