using Dapper;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Permissions;

namespace WorkflowKit.Storage.Relational.Organization;

/// <summary>
/// Data permission rules per form, stored as JSON documents (JSONB on PostgreSQL) in the table of
/// migration 4000.
/// </summary>
public abstract class RelationalPermissionRuleStore : IPermissionRuleStore
{
    private readonly IDatabase _database;
    private readonly string _selectRules;

    protected RelationalPermissionRuleStore(IDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _selectRules =
            $"SELECT {RelationalSql.JsonText(database.Dialect, "rule")} FROM permission_rules WHERE form_key = @Form ORDER BY id";
    }

    public async Task<IReadOnlyList<PermissionRule>> GetRulesAsync(string formKey, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            _selectRules, new { Form = formKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(DefinitionJson.Deserialize<PermissionRule>)];
    }

    public async Task<IReadOnlyList<PermissionRule>> GetRulesAsync(
        string formKey, IStorageTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var rows = await transaction.Connection.QueryAsync<string>(new CommandDefinition(
            _selectRules, new { Form = formKey }, transaction.Transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return [.. rows.Select(DefinitionJson.Deserialize<PermissionRule>)];
    }

    public async Task SaveRulesAsync(
        string formKey, IReadOnlyList<PermissionRule> rules, CancellationToken cancellationToken)
    {
        PermissionRuleChecks.Validate(formKey, rules);
        await using var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await WriteRulesAsync(formKey, rules, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SaveRulesAsync(
        string formKey, IReadOnlyList<PermissionRule> rules, IStorageTransaction transaction,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        PermissionRuleChecks.Validate(formKey, rules);
        await WriteRulesAsync(formKey, rules, transaction).ConfigureAwait(false);
    }

    /// <summary>Replaces the form's rules with <paramref name="rules"/>, which the caller has validated.</summary>
    private async Task WriteRulesAsync(string formKey, IReadOnlyList<PermissionRule> rules, IStorageTransaction transaction)
    {
        await transaction.Connection.ExecuteAsync(
            "DELETE FROM permission_rules WHERE form_key = @Form", new { Form = formKey }, transaction.Transaction)
            .ConfigureAwait(false);
        await transaction.Connection.ExecuteAsync(
            "INSERT INTO permission_rules (form_key, role, rule) " +
            $"VALUES (@Form, @Role, {RelationalSql.JsonValue(_database.Dialect, "Rule")})",
            rules.Select(rule => new { Form = formKey, rule.Role, Rule = DefinitionJson.Serialize(rule) }),
            transaction.Transaction).ConfigureAwait(false);
    }
}
