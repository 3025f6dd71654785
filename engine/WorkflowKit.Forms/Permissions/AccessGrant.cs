using WorkflowKit.Records;

namespace WorkflowKit.Permissions;

/// <summary>One permission rule resolved for a user: the records it admits and the fields it hides on them.</summary>
public sealed record AccessGrant(string Role, RecordFilter Rows, IReadOnlySet<string> HiddenFields);
