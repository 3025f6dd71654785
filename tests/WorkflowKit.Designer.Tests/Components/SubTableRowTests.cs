using System.Text.Json.Nodes;
using Bunit;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Forms;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Components;

/// <summary>
/// The sub-table of a task form under the node's row rules: the owner column, and the add, edit and delete settings.
/// </summary>
[TestFixture]
public sealed class SubTableRowTests : ComponentTestBase
{
    private const string TaskUser = "sales-east-2";

    private const string RemoveRowButtons = "[data-field=confirmations] button[aria-label='Remove row']";

    [Test]
    public void Owner_rows_editable_others_read_only()
    {
        var cut = Render(OwnedPermission(), TaskUser);

        var rows = cut.FindAll("[data-field=confirmations] tbody tr");
        Assert.That(rows, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(rows[0].GetAttribute("data-editable"), Is.EqualTo("true"), "row 1 belongs to the task user");
            Assert.That(rows[1].GetAttribute("data-editable"), Is.EqualTo("false"), "row 2 belongs to sales-north-1");
            Assert.That(rows[2].GetAttribute("data-editable"), Is.EqualTo("true"), "row 3 belongs to the task user");
            Assert.That(Input(rows[0], "confirmedQuantity").HasAttribute("readonly"), Is.False);
            Assert.That(Input(rows[0], "salesOwner").HasAttribute("readonly"), Is.True, "owner column");
            Assert.That(Input(rows[1], "confirmedQuantity").HasAttribute("readonly"), Is.True);
            Assert.That(Input(rows[1], "customer").HasAttribute("readonly"), Is.True);
        });
    }

    [Test]
    public void Owner_rows_are_labelled()
    {
        var cut = Render(OwnedPermission(), TaskUser);

        var labels = cut.FindAll("[data-field=confirmations] [data-testid=row-owner]")
            .Select(label => label.TextContent.Trim())
            .ToList();

        Assert.That(labels, Is.EqualTo(new[] { "Your row", "Owned by Zhou Bei (read-only)", "Your row" }));
        Assert.That(cut.FindAll("[data-testid=row-owner-hint]"), Has.Count.EqualTo(1));
        Assert.That(cut.Find("[data-field=confirmations] tbody tr[data-row='2']").GetAttribute("style"),
            Does.Contain("background-color"), "another owner's row is greyed");
    }

    [Test]
    public void Owner_column_hides_add_and_delete()
    {
        var permission = OwnedPermission();
        permission.AddRows = true;
        permission.DeleteRows = true;

        var cut = Render(permission, TaskUser);

        Assert.That(cut.FindAll(RemoveRowButtons), Is.Empty);
        Assert.That(cut.FindAll("button").Where(button => button.TextContent.Contains("Add row")), Is.Empty);
    }

    [Test]
    public void Row_settings_hide_add_and_delete()
    {
        var permission = new FieldPermission { Access = FieldPermission.Editable, AddRows = false, DeleteRows = false };

        var cut = Render(permission, TaskUser);

        var rows = cut.FindAll("[data-field=confirmations] tbody tr");
        Assert.Multiple(() =>
        {
            Assert.That(cut.FindAll(RemoveRowButtons), Is.Empty);
            Assert.That(cut.FindAll("button").Where(button => button.TextContent.Contains("Add row")), Is.Empty);
            Assert.That(rows.Select(row => row.GetAttribute("data-editable")), Is.All.EqualTo("true"));
            Assert.That(cut.FindAll("[data-testid=row-owner]"), Is.Empty, "no owner column, no owner labels");
        });
    }

    [Test]
    public void Edit_setting_off_makes_rows_read_only()
    {
        var permission = new FieldPermission { Access = FieldPermission.Editable, EditRows = false };

        var cut = Render(permission, TaskUser);

        var rows = cut.FindAll("[data-field=confirmations] tbody tr");
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(row => row.GetAttribute("data-editable")), Is.All.EqualTo("false"));
            Assert.That(Input(rows[0], "confirmedQuantity").HasAttribute("readonly"), Is.True);
            Assert.That(cut.FindAll(RemoveRowButtons), Has.Count.EqualTo(3));
            Assert.That(cut.FindAll("button").Where(button => button.TextContent.Contains("Add row")).ToList(),
                Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Start_form_allows_every_row_change()
    {
        var cut = Context.Render<FormRenderer>(parameters => parameters
            .Add(p => p.Form, ConfirmationForm())
            .Add(p => p.Data, ConfirmationData()));

        var rows = cut.FindAll("[data-field=confirmations] tbody tr");
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(row => row.GetAttribute("data-editable")), Is.All.EqualTo("true"));
            Assert.That(cut.FindAll(RemoveRowButtons), Has.Count.EqualTo(3));
        });
    }

    private static FieldPermission OwnedPermission() => new()
    {
        Access = FieldPermission.Editable,
        AddRows = false,
        EditRows = true,
        DeleteRows = false,
        RowOwner = "salesOwner",
    };

    private static AngleSharp.Dom.IElement Input(AngleSharp.Dom.IElement row, string column) =>
        row.QuerySelector($"[data-field={column}] input")
        ?? throw new AssertionException($"Row has no input for column '{column}'.");

    private IRenderedComponent<FormRenderer> Render(FieldPermission permission, string taskUser) =>
        Context.Render<FormRenderer>(parameters => parameters
            .Add(p => p.Form, ConfirmationForm())
            .Add(p => p.Data, ConfirmationData())
            .Add(p => p.Permissions, new Dictionary<string, FieldPermission> { ["confirmations"] = permission })
            .Add(p => p.TaskUser, taskUser)
            .Add(p => p.UserNames, new Dictionary<string, string> { ["sales-north-1"] = "Zhou Bei" }));

    private static FormDefinition ConfirmationForm() => new()
    {
        Key = "demand-confirmation",
        Name = new LocalizedText("需求确认", "Demand confirmation"),
        Fields =
        [
            new FieldDefinition
            {
                Id = "confirmations",
                Type = FieldTypes.SubTable,
                Label = new LocalizedText("需求上升的客户", "Customers whose demand rose"),
                Fields =
                [
                    Column("salesOwner", FieldTypes.Member, "Sales owner"),
                    Column("customer", FieldTypes.Text, "Customer code"),
                    Column("confirmedQuantity", FieldTypes.Number, "Confirmed quantity"),
                ],
            },
        ],
    };

    private static FieldDefinition Column(string id, string type, string label) =>
        new() { Id = id, Type = type, Label = new LocalizedText(label) };

    private static JsonObject ConfirmationData() => new()
    {
        ["confirmations"] = new JsonArray(
            Row("sales-east-2", "C0003", 120m),
            Row("sales-north-1", "C0002", 210m),
            Row("sales-east-2", "C0007", 80m)),
    };

    private static JsonObject Row(string owner, string customer, decimal quantity) => new()
    {
        ["salesOwner"] = owner,
        ["customer"] = customer,
        ["confirmedQuantity"] = quantity,
    };
}
