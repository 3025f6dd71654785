using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Designer.Admin;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Organization;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Organization;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Designer.Tests.Admin;

public sealed class PermissionRuleDraftTests
{
    private static readonly Dictionary<string, string> Types = new() { ["total"] = "money", ["region"] = "singleSelect" };

    [Test]
    public void Scopes_round_trip_through_rule()
    {
        var draft = new PermissionRuleDraft { Role = "sales", OwnRegion = true, OwnDepartment = true, Own = true };
        draft.FieldValues.Add(new FieldValueScope { Field = "total", Value = "100" });
        draft.HiddenFields.Add("total");

        var rule = draft.ToRule("sales-order", Types);
        var read = PermissionRuleDraft.FromRule(rule);

        Assert.That(rule.Rows!.Any, Has.Count.EqualTo(3));
        Assert.That(rule.Rows.Any![2].All[0].Value!.GetValue<decimal>(), Is.EqualTo(100m), "money compares as a number");
        Assert.That(read.OwnRegion, Is.True);
        Assert.That(read.OwnDepartment, Is.True);
        Assert.That(read.Own, Is.True);
        Assert.That(read.FieldValues.Select(scope => (scope.Field, scope.Value)), Is.EqualTo(new[] { ("total", "100") }));
        Assert.That(read.CustomRows, Is.Null);
        Assert.That(read.HiddenFields, Is.EqualTo(new[] { "total" }));
    }

    [Test]
    public void Unticked_scopes_admit_all()
    {
        var rule = new PermissionRuleDraft { Role = "finance" }.ToRule("sales-order", Types);

        Assert.That(rule.Rows, Is.Null);
        Assert.That(rule.Own, Is.False);
        Assert.That(rule.Participant, Is.False);
    }

    [Test]
    public void And_group_is_kept_as_custom()
    {
        var rows = Condition.AllOf(
            new Rule { Field = "region", ValueFrom = "user.region" },
            new Rule { Field = "total", Operator = RuleOperators.GreaterThanOrEqual, Value = JsonValue.Create(10m) });
        var draft = PermissionRuleDraft.FromRule(new PermissionRule { Role = "sales", Form = "f", Rows = rows });

        var rule = draft.ToRule("f", Types);

        Assert.That(draft.OwnRegion, Is.False);
        Assert.That(rule.Rows, Is.SameAs(rows));
    }

    [Test]
    public async Task Saved_rule_filters_next_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wk-rules-{Guid.NewGuid():N}.db");
        try
        {
            var database = new SqliteDatabase(path);
            await SqliteMigrator.MigrateAsync(database, default);
            var records = new SqliteRecordStore(database, TimeProvider.System);
            await records.RegisterFormAsync(OrderDefinitions.Form(), default);
            foreach (var (customer, region) in new[] { ("A", "east"), ("B", "north"), ("C", "east") })
            {
                await records.CreateAsync(
                    OrderDefinitions.FormKey,
                    new JsonObject { ["customer"] = customer, ["region"] = region, ["total"] = 5m },
                    new RecordWriteContext("admin"), default);
            }

            var rules = new SqlitePermissionRuleStore(database);
            var directory = new InMemoryOrganizationDirectory().Add(new OrgUser(
                "sales1", "Sales", null, ["sales"], new Dictionary<string, string> { ["region"] = "east" }));
            var reader = new RecordReader(
                records, records, records, new RecordAccess(rules, directory, new InMemoryParticipationSource()));
            var query = new RecordQuery(OrderDefinitions.FormKey) { Sort = [new SortOrder { Field = "customer" }] };

            var before = await reader.ListAsync("sales1", query, default);
            var draft = new PermissionRuleDraft { Role = "sales", OwnRegion = true };
            draft.HiddenFields.Add("total");
            await rules.SaveRulesAsync(OrderDefinitions.FormKey, [draft.ToRule(OrderDefinitions.FormKey, Types)], default);
            var after = await reader.ListAsync("sales1", query, default);

            Assert.That(before.Items, Is.Empty, "no rule, no records");
            Assert.That(after.Items.Select(item => item.Data["customer"]!.GetValue<string>()), Is.EqualTo(new[] { "A", "C" }));
            Assert.That(after.Items.All(item => !item.Data.ContainsKey("total")), Is.True, "the hidden field is removed");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
