using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Approvals;

/// <summary>The row rules that the engine and the work portal's form share.</summary>
public sealed class SubTableRowAccessTests
{
    private static readonly FieldPermission Owned = new()
    {
        Access = FieldPermission.Editable,
        AddRows = true,
        DeleteRows = true,
        RowOwner = "salesOwner",
    };

    [Test]
    public void OwnerColumn_OnlyOwnRowsEditable()
    {
        var access = SubTableRowAccess.For(Owned, "sales-east-2");

        Assert.Multiple(() =>
        {
            Assert.That(access.CanEditRow(Row("sales-east-2", 100)), Is.True);
            Assert.That(access.CanEditRow(Row("sales-north-1", 100)), Is.False);
            Assert.That(access.CanEditRow(new JsonObject()), Is.False, "a row without owner");
            Assert.That(access.IsOwnerColumn("salesOwner"), Is.True);
            Assert.That(access.IsOwnerColumn("confirmedQuantity"), Is.False);
        });
    }

    [Test]
    public void OwnerColumn_NoAddOrDelete()
    {
        var access = SubTableRowAccess.For(Owned, "sales-east-2");

        Assert.Multiple(() =>
        {
            Assert.That(access.CanAddRows, Is.False, "addRows is true, but rows have owners");
            Assert.That(access.CanDeleteRows, Is.False, "deleteRows is true, but rows have owners");
        });
    }

    [Test]
    public void OwnerColumn_WithoutTaskUser_NoRowEditable()
    {
        var access = SubTableRowAccess.For(Owned, taskUser: null);

        Assert.That(access.CanEditRow(Row("sales-east-2", 100)), Is.False);
    }

    [Test]
    public void ReadOnlyTable_IgnoresOwnerColumn()
    {
        var permission = new FieldPermission { Access = FieldPermission.ReadOnly, RowOwner = "salesOwner" };

        var access = SubTableRowAccess.For(permission, "sales-east-2");

        Assert.Multiple(() =>
        {
            Assert.That(access.OwnerColumn, Is.Null);
            Assert.That(access.CanEditRow(Row("sales-east-2", 100)), Is.False);
            Assert.That(access.CanAddRows, Is.False);
            Assert.That(access.CanDeleteRows, Is.False);
        });
    }

    [Test]
    public void UnlistedTable_ReadOnly()
    {
        var access = SubTableRowAccess.For(permission: null, "sales-east-2");

        Assert.Multiple(() =>
        {
            Assert.That(access.IsEditable, Is.False);
            Assert.That(access.CanEditRow(Row("sales-east-2", 100)), Is.False);
        });
    }

    [Test]
    public void RowSettings_AppliedWithoutOwnerColumn()
    {
        var permission = new FieldPermission
        {
            Access = FieldPermission.Editable, AddRows = false, EditRows = false, DeleteRows = true,
        };

        var access = SubTableRowAccess.For(permission, "sales-east-2");

        Assert.Multiple(() =>
        {
            Assert.That(access.CanAddRows, Is.False);
            Assert.That(access.CanDeleteRows, Is.True);
            Assert.That(access.CanEditRows, Is.False);
            Assert.That(access.CanEditRow(Row("anyone", 1)), Is.False);
        });
    }

    [Test]
    public void ChangedRows_OtherOwnersOnly()
    {
        var access = SubTableRowAccess.For(Owned, "sales-east-2");
        var loaded = new JsonArray(Row("sales-east-2", 100), Row("sales-north-1", 200), Row("sales-north-1", 300));
        var submitted = new JsonArray(Row("sales-east-2", 150), Row("sales-north-1", 200), Row("sales-north-1", 999));

        var changed = access.ChangedRowsOfOtherOwners(loaded, submitted);

        Assert.That(changed, Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void ChangedRows_NoOwnerColumnEmpty()
    {
        var access = SubTableRowAccess.For(new FieldPermission { Access = FieldPermission.Editable }, "sales-east-2");
        var loaded = new JsonArray(Row("sales-north-1", 200));
        var submitted = new JsonArray(Row("sales-north-1", 999));

        Assert.That(access.ChangedRowsOfOtherOwners(loaded, submitted), Is.Empty);
    }

    private static JsonObject Row(string owner, decimal quantity) => new()
    {
        ["salesOwner"] = owner,
        ["confirmedQuantity"] = quantity,
    };
}
