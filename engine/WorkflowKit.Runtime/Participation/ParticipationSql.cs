namespace WorkflowKit.Runtime.Participation;

/// <summary>
/// The participation queries, written once in SQL that SQLite and PostgreSQL both run. A user
/// takes part in an instance they started, held a task of (assigned, transferred or escalated
/// to them, or completed), were CC'd on, or acted on in the audit trail. The engine's own audit
/// lines (actor <c>system</c>) make no user take part, and the audit's actor index leaves them out. A
/// record belongs to an instance that created or updated it, or that was linked to it.
/// </summary>
public static class ParticipationSql
{
    /// <summary>Record ids of form <c>@FormKey</c> that user <c>@UserId</c> takes part in; <c>@CarbonCopy</c> is the CC notification kind.</summary>
    public const string RecordIds = """
        WITH taking_part AS (
            SELECT id AS instance_id FROM wk_instances WHERE initiator = @UserId
            UNION SELECT instance_id FROM wk_tasks WHERE assignee = @UserId OR completed_by = @UserId
            UNION SELECT instance_id FROM wk_task_assignees WHERE user_id = @UserId
            UNION SELECT instance_id FROM wk_notifications
                WHERE user_id = @UserId AND kind = @CarbonCopy AND instance_id IS NOT NULL
            UNION SELECT instance_id FROM wk_audit WHERE actor = @UserId AND actor <> 'system'
        )
        SELECT r.id FROM records r JOIN taking_part p ON p.instance_id = r.instance_id WHERE r.form_key = @FormKey
        UNION SELECT a.record_id FROM record_audit a JOIN taking_part p ON p.instance_id = a.instance_id
            WHERE a.form_key = @FormKey
        UNION SELECT l.record_id FROM wk_instance_records l JOIN taking_part p ON p.instance_id = l.instance_id
            WHERE l.form_key = @FormKey
        ORDER BY 1
        """;

    public const string LinkRecord = """
        INSERT INTO wk_instance_records (instance_id, form_key, record_id) VALUES (@InstanceId, @FormKey, @RecordId)
        ON CONFLICT DO NOTHING
        """;
}
