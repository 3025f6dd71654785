using System.Globalization;
using Microsoft.Data.Sqlite;
using WorkflowKit.Bench.Engine;

namespace WorkflowKit.Bench.Scale;

/// <summary>
/// Writes the rows of one generated instance with prepared commands: the instance, its task,
/// its waiting token when it is open, and its shipment record with the record's index rows
/// when it is completed. Values follow the formats the stores write (UTC ISO 8601 text, compact JSON).
/// </summary>
internal sealed class ScaleRowWriter
{
    private static readonly DateTimeOffset Origin = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly SqliteCommand _instance;
    private readonly SqliteCommand _task;
    private readonly SqliteCommand _token;
    private readonly SqliteCommand _record;
    private readonly SqliteCommand _value;

    public ScaleRowWriter(SqliteConnection connection)
    {
        _instance = Command(connection,
            "INSERT INTO wk_instances (id, flow_key, flow_version, status, trigger_kind, initiator, form_json, " +
            "state_json, end_node_id, acted, version, started_at, updated_at, ended_at) VALUES ($id, $flow, 1, " +
            "$status, 'api', $initiator, $form, $state, $end, $acted, $version, $started, $updated, $ended)",
            "$id", "$flow", "$status", "$initiator", "$form", "$state", "$end", "$acted", "$version", "$started",
            "$updated", "$ended");
        _task = Command(connection,
            "INSERT INTO wk_tasks (id, instance_id, token_id, visit_id, node_id, flow_key, flow_version, kind, status, " +
            "assignee, original_assignee, outcome, seq, version, created_at, completed_at, completed_by) VALUES " +
            "($id, $instance, $token, $visit, 'approve', $flow, 1, 'approval', $status, $assignee, $assignee, " +
            "$outcome, 3, $version, $created, $completed, $by)",
            "$id", "$instance", "$token", "$visit", "$flow", "$status", "$assignee", "$outcome", "$version", "$created",
            "$completed", "$by");
        _token = Command(connection,
            "INSERT INTO wk_tokens (id, instance_id, node_id, status, edge_id, scope, trail_json, wait_kind, wait_ref, " +
            "wait_state_json, visit_id, seq, created_at, updated_at) VALUES ($id, $instance, 'approve', 'waiting', " +
            "'credit-ok', '', '[\"approve\"]', 'task', $visit, $state, $visit, 1, $at, $at)",
            "$id", "$instance", "$visit", "$state", "$at");
        _record = Command(connection,
            "INSERT INTO records (id, form_key, version, data, created_by, created_at, updated_by, updated_at, " +
            "instance_id) VALUES ($id, $form, 1, $data, $user, $at, $user, $at, $instance)",
            "$id", "$form", "$data", "$user", "$at", "$instance");
        _value = Command(connection,
            "INSERT INTO record_values (record_id, form_key, field_id, value) VALUES ($record, $form, $field, $value)",
            "$record", "$form", "$field", "$value");
    }

    public void Begin(SqliteTransaction transaction)
    {
        foreach (var command in new[] { _instance, _task, _token, _record, _value })
        {
            command.Transaction = transaction;
        }
    }

    public void WriteInstance(int index, bool open)
    {
        var started = Origin.AddSeconds(index * 25L);
        var id = Id(started, index, 1);
        var department = index % BenchOrganization.Departments;
        var initiator = BenchOrganization.Staff(department, index / BenchOrganization.Departments % BenchOrganization.StaffPerDepartment);
        var order = OrderDefinitions.NewOrder(index);
        order["region"] = OrderDefinitions.Regions[department % OrderDefinitions.Regions.Length];
        var approver = Approver(index);
        var taskId = Id(started, index, 2);
        var tokenId = Id(started, index, 3);
        var visitId = Id(started, index, 4);
        var ended = started.AddMinutes(40);

        Run(_instance, id, OrderDefinitions.ApprovalFlow, open ? "running" : "completed", initiator,
            order.ToJsonString(), """{"seq":3,"nodes":{},"activations":{}}""", open ? null : "end", open ? 0 : 1,
            open ? 1 : 2, Time(started), Time(open ? started : ended), open ? null : Time(ended));
        Run(_task, taskId, id, tokenId, visitId, OrderDefinitions.ApprovalFlow, open ? "open" : "completed", approver,
            open ? null : "approved", open ? 1 : 2, Time(started), open ? null : Time(ended), open ? null : approver);
        if (open)
        {
            Run(_token, tokenId, id, visitId, """{"mode":"single","order":["x"]}""".Replace("x", approver, StringComparison.Ordinal),
                Time(started));
            return;
        }

        var recordId = (long)index + 1;
        Run(_record, recordId, OrderDefinitions.ShipmentForm, order.ToJsonString(), initiator, Time(ended), id);
        Run(_value, recordId, OrderDefinitions.ShipmentForm, "customer", order["customer"]!.GetValue<string>());
        Run(_value, recordId, OrderDefinitions.ShipmentForm, "region", order["region"]!.GetValue<string>());
        Run(_value, recordId, OrderDefinitions.ShipmentForm, "total", (double)order["total"]!.GetValue<decimal>());
    }

    /// <summary>Open tasks go round-robin over the approvers, so each holds the same share.</summary>
    private static string Approver(int index) => ScaleStore.Approver(index % ScaleStore.Approvers);

    private static string Id(DateTimeOffset at, int index, int part) =>
        Guid.CreateVersion7(at).ToString("N")[..20] + ((long)index * 4 + part).ToString("x12", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }
}
