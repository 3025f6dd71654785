using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Drafts;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Storage.Relational.Runtime;

/// <summary>
/// Removes the task form drafts (table <c>wk_form_drafts</c>) that a saved task leaves without a use: every draft of
/// a task that closed (completed, cancelled by a withdrawal, a cancel or another decision), and the drafts of users
/// other than the assignee of a task that is still open, such as after a transfer or an escalation. Both runtime
/// stores run it in the transaction that saves the tasks.
/// </summary>
public static class FormDraftCleanup
{
    /// <summary>The statement, run once per task with <see cref="Parameters"/>.</summary>
    public const string DeleteForTasksSql =
        "DELETE FROM wk_form_drafts WHERE scope = @Scope AND (@Closed = 1 OR user_id <> @Assignee)";

    /// <summary>Returns the statement's parameters for one saved task.</summary>
    public static object Parameters(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new
        {
            Scope = FormDraftScopes.Task(task.Id),
            Closed = task.Status == TaskStatuses.Open ? 0 : 1,
            task.Assignee,
        };
    }
}
