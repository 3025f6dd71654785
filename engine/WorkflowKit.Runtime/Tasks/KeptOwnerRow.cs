namespace WorkflowKit.Runtime.Tasks;

/// <summary>
/// A row owned by another user that a task submitted with values other than the stored ones, and that kept its
/// stored values because its owner submitted a task after this task was created. The submitted copy may be the row
/// as the client loaded it before that owner's submission, so the action succeeds and the copy is ignored.
/// </summary>
/// <param name="SubTable">Field id of the sub-table.</param>
/// <param name="Row">One-based row number, as in the error messages of the same check.</param>
/// <param name="Owner">User id in the row's owner column.</param>
public sealed record KeptOwnerRow(string SubTable, int Row, string Owner);
