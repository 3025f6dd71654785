using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Records;

namespace WorkflowKit.Forms.Tests.Forms;

/// <summary>
/// Unique sub-table columns: unique within the table, and with uniqueAcrossRecords also across
/// live records of the form, on a real SQLite record store.
/// </summary>
public sealed class SubTableUniqueTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private static FormDefinition Form() => new()
    {
        Key = "shipment",
        Name = new LocalizedText("Shipment"),
        Fields =
        [
            new FieldDefinition { Id = "title", Type = FieldTypes.Text, Label = new LocalizedText("Title") },
            new FieldDefinition
            {
                Id = "lines", Type = FieldTypes.SubTable, Label = new LocalizedText("Lines"),
                Fields =
                [
                    new FieldDefinition
                    {
                        Id = "batch", Type = FieldTypes.Text, Label = new LocalizedText("Batch"), UniqueAcrossRecords = true,
                    },
                    new FieldDefinition
                    {
                        Id = "position", Type = FieldTypes.Number, Label = new LocalizedText("Position"), Unique = true,
                    },
                ],
            },
        ],
    };

    private static JsonObject Data(params (string Batch, decimal Position)[] rows) => new()
    {
        ["title"] = "t",
        ["lines"] = new JsonArray([.. rows.Select(row => (JsonNode)new JsonObject
        {
            ["batch"] = row.Batch, ["position"] = row.Position,
        })]),
    };

    private static FormSubmissionContext Context => new("admin", English);

    [Test]
    public async Task RepeatedValue_InTable_NamesLaterRow()
    {
        await using var world = await TestWorld.CreateAsync(Form());
        world.AddAdmin("admin", "shipment");

        var result = await world.Submissions.CreateAsync(
            Form(), Data(("B1", 1m), ("B2", 2m), ("B1", 1.0m)), Context, CancellationToken.None);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Errors.Select(error => (error.Path, error.Code, error.Message)), Is.EquivalentTo(new[]
        {
            ("lines[2].batch", "unique", "\"Batch\" value \"B1\" repeats row 1"),
            ("lines[2].position", "unique", "\"Position\" value 1.0 repeats row 1"),
        }));
    }

    [Test]
    public async Task TableOnlyColumn_OtherRecord_Accepted()
    {
        await using var world = await TestWorld.CreateAsync(Form());
        world.AddAdmin("admin", "shipment");
        var first = await world.Submissions.CreateAsync(Form(), Data(("B1", 1m)), Context, CancellationToken.None);

        var second = await world.Submissions.CreateAsync(Form(), Data(("B2", 1m)), Context, CancellationToken.None);

        Assert.That(first.Succeeded, Is.True, string.Join("; ", first.Errors));
        Assert.That(second.Succeeded, Is.True, string.Join("; ", second.Errors));
    }

    [Test]
    public async Task AcrossRecords_UsedValue_Rejected()
    {
        await using var world = await TestWorld.CreateAsync(Form());
        world.AddAdmin("admin", "shipment");
        await world.Submissions.CreateAsync(Form(), Data(("B1", 1m)), Context, CancellationToken.None);

        var result = await world.Submissions.CreateAsync(
            Form(), Data(("B7", 1m), ("B1", 2m)), Context, CancellationToken.None);

        Assert.That(result.Errors.Select(error => (error.Path, error.Message)), Is.EqualTo(new[]
        {
            ("lines[1].batch", "\"Batch\" value \"B1\" is already used by another record"),
        }));
    }

    [Test]
    public async Task AcrossRecords_DeletedRecord_Ignored()
    {
        await using var world = await TestWorld.CreateAsync(Form());
        world.AddAdmin("admin", "shipment");
        var first = await world.Submissions.CreateAsync(Form(), Data(("B1", 1m)), Context, CancellationToken.None);
        await world.Store.SoftDeleteAsync("shipment", first.Record!.Id, new RecordWriteContext("admin"),
            CancellationToken.None);

        var result = await world.Submissions.CreateAsync(Form(), Data(("B1", 1m)), Context, CancellationToken.None);

        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Errors));
    }

    [Test]
    public async Task AcrossRecords_UpdateOwnRecord_Accepted()
    {
        await using var world = await TestWorld.CreateAsync(Form());
        world.AddAdmin("admin", "shipment");
        var first = await world.Submissions.CreateAsync(Form(), Data(("B1", 1m)), Context, CancellationToken.None);

        var updated = await world.Submissions.UpdateAsync(
            Form(), first.Record!.Id, new JsonObject { ["title"] = "renamed" }, null, Context, CancellationToken.None);

        Assert.That(updated.Succeeded, Is.True, string.Join("; ", updated.Errors));
    }
}
