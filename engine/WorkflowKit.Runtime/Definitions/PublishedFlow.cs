using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Runtime.Definitions;

/// <summary>An immutable published version of a flow and the form it carries.</summary>
public sealed record PublishedFlow(string Key, int Version, FlowDefinition Flow, FormDefinition? Form);
