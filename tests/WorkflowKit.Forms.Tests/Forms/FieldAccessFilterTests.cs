using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms.Tests.Support;

namespace WorkflowKit.Forms.Tests.Forms;

public sealed class FieldAccessFilterTests
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    private static FormDefinition Form()
    {
        var lines = TestForms.Field("lines", FieldTypes.SubTable, "明细", "Lines");
        lines.Fields =
        [
            TestForms.Field("product", FieldTypes.Text, "产品", "Product"),
            TestForms.Field("cost", FieldTypes.Money, "成本", "Cost"),
        ];
        return new FormDefinition
        {
            Key = "order",
            Fields =
            [
                TestForms.Field("customer", FieldTypes.Text, "客户", "Customer"),
                TestForms.Field("discount", FieldTypes.Number, "折扣", "Discount"),
                TestForms.Field("margin", FieldTypes.Money, "毛利", "Margin"),
                lines,
            ],
        };
    }

    private static JsonObject Original() => (JsonObject)JsonNode.Parse(
        """
        {"customer":"协和","discount":5,"margin":100.5,
         "lines":[{"product":"a","cost":1},{"product":"b","cost":2}]}
        """)!;

    private static Dictionary<string, FieldPermission> Node(params (string Field, string Access)[] fields) =>
        fields.ToDictionary(f => f.Field, f => new FieldPermission { Access = f.Access });

    [Test]
    public void Strip_removes_hidden_fields_and_columns()
    {
        var permissions = Node(("margin", FieldPermission.Hidden), ("lines.cost", FieldPermission.Hidden));

        var stripped = FieldAccessFilter.Strip(Original(), permissions);

        Assert.That(stripped.ContainsKey("margin"), Is.False);
        Assert.That(stripped["lines"]!.AsArray().Select(row => row!.AsObject().ContainsKey("cost")), Is.All.False);
        Assert.That(stripped["customer"]!.GetValue<string>(), Is.EqualTo("协和"));
    }

    [Test]
    public void Changed_read_only_field_is_rejected_by_name()
    {
        var submitted = Original();
        submitted["discount"] = 50;

        var errors = FieldAccessFilter.CheckChanges(
            Form(), Original(), submitted, Node(("discount", FieldPermission.ReadOnly), ("customer",
                FieldPermission.Editable)), En);

        Assert.That(errors.Single(), Is.EqualTo(new FieldError(
            "discount", "readOnly", "\"Discount\" is read-only at this step and cannot be changed",
                JsonValue.Create(50)))
            .Using<FieldError>((a, b) => a.Path == b.Path && a.Code == b.Code && a.Message == b.Message));
    }

    [Test]
    public void Unchanged_read_only_and_unlisted_fields_pass()
    {
        var submitted = Original();
        submitted["customer"] = "华山";

        var errors = FieldAccessFilter.CheckChanges(Form(), Original(), submitted, Node(("customer",
            FieldPermission.Editable)), En);

        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Hidden_field_change_rejected()
    {
        var submitted = Original();
        submitted["margin"] = 1;

        var errors = FieldAccessFilter.CheckChanges(Form(), Original(), submitted, Node(("margin",
            FieldPermission.Hidden)), En);

        Assert.That(errors.Single().Path, Is.EqualTo("margin"));
    }

    [TestCase(false, null, null, "rowAdd", "lines[2]")]
    [TestCase(true, false, null, "rowDelete", "lines")]
    [TestCase(true, true, false, "rowEdit", "lines[0]")]
    public void Sub_table_row_rules(bool add, bool? delete, bool? edit, string code, string path)
    {
        var permission = new FieldPermission { Access = FieldPermission.ReadOnly, AddRows = add, DeleteRows = delete,
            EditRows = edit };
        var submitted = Original();
        var rows = submitted["lines"]!.AsArray();
        switch (code)
        {
            case "rowAdd":
                rows.Add(new JsonObject { ["product"] = "c", ["cost"] = 3 });
                break;
            case "rowDelete":
                foreach (var row in rows)
                {
                    row!["$rowId"] = row["product"]!.GetValue<string>();
                }

                rows.RemoveAt(0);
                break;
            default:
                rows[0]!["cost"] = 9;
                break;
        }

        var original = Original();
        if (code == "rowDelete")
        {
            foreach (var row in original["lines"]!.AsArray())
            {
                row!["$rowId"] = row["product"]!.GetValue<string>();
            }
        }

        var errors = FieldAccessFilter.CheckChanges(Form(), original, submitted, new Dictionary<string,
            FieldPermission> { ["lines"] = permission }, En);

        Assert.That(errors.Select(e => (e.Code, e.Path)), Is.EqualTo(new[] { (code, path) }));
    }

    [Test]
    public void Editable_changes_keep_only_editable_fields()
    {
        var submitted = Original();
        submitted["customer"] = "华山";
        submitted["discount"] = 9;

        var changes = FieldAccessFilter.EditableChanges(Form(), Original(), submitted, Node(("customer",
            FieldPermission.Editable)));

        Assert.That(changes.Select(p => p.Key), Is.EqualTo(new[] { "customer" }));
    }
}
