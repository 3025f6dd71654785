using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Bench.Forms;

/// <summary>
/// The large forms of the validation benchmark, with valid data: a form of many fields cycling
/// through ten field types and their rules, and a form with one sub-table of many rows.
/// </summary>
public static class BenchForms
{
    private static readonly string[] Options = ["a", "b", "c", "d", "e"];

    public static FormDefinition Wide(int fields)
    {
        var form = new FormDefinition { Key = "bench-wide", Name = new LocalizedText("Wide form") };
        for (var i = 0; i < fields; i++)
        {
            form.Fields.Add(WideField(i));
        }

        return form;
    }

    public static JsonObject WideData(int fields)
    {
        var data = new JsonObject();
        for (var i = 0; i < fields; i++)
        {
            data[Id(i)] = (i % 10) switch
            {
                0 => "Customer " + i.ToString(CultureInfo.InvariantCulture),
                1 => 1_000 + i,
                2 => 12_345.67m,
                3 => "2025-03-05",
                4 => "c",
                5 => new JsonArray("a", "e"),
                6 => "Deliver before noon; cold chain 2-8 °C.",
                7 => true,
                8 => "13812345678",
                _ => "2025-03-05T09:30:00+08:00",
            };
        }

        return data;
    }

    public static FormDefinition Table(int maxRows) => new()
    {
        Key = "bench-table",
        Name = new LocalizedText("Sub-table form"),
        Fields =
        [
            new FieldDefinition { Id = "customer", Type = FieldTypes.Text, Label = new("customer"), Required = true },
            new FieldDefinition
            {
                Id = "lines",
                Type = FieldTypes.SubTable,
                Label = new LocalizedText("lines"),
                Required = true,
                MinRows = 1,
                MaxRows = maxRows,
                Fields =
                [
                    Column("product", FieldTypes.Text, field => field.MaxLength = 40),
                    Column("batch", FieldTypes.Text, field => field.Pattern = "[A-Z]{2}[0-9]{6}"),
                    Column("expiry", FieldTypes.Date, field => field.Min = "2024-01-01"),
                    Column("quantity", FieldTypes.Number, field =>
                    {
                        field.Min = 1;
                        field.Max = 100_000;
                    }),
                    Column("unitPrice", FieldTypes.Money, field => field.Min = 0),
                ],
            },
        ],
    };

    public static JsonObject TableData(int rows)
    {
        var lines = new JsonArray();
        for (var i = 0; i < rows; i++)
        {
            lines.Add(new JsonObject
            {
                ["product"] = "P" + (i % 300).ToString("000", CultureInfo.InvariantCulture),
                ["batch"] = "LT" + (100_000 + i).ToString(CultureInfo.InvariantCulture),
                ["expiry"] = "2026-06-30",
                ["quantity"] = 1 + (i % 50),
                ["unitPrice"] = 99.5m,
            });
        }

        return new JsonObject { ["customer"] = "Ruijin Hospital", ["lines"] = lines };
    }

    private static string Id(int i) => "f" + i.ToString("0000", CultureInfo.InvariantCulture);

    private static FieldDefinition WideField(int i)
    {
        var field = new FieldDefinition { Id = Id(i), Label = new LocalizedText(Id(i)), Required = i % 2 == 0 };
        switch (i % 10)
        {
            case 0:
                field.Type = FieldTypes.Text;
                field.MaxLength = 50;
                break;
            case 1:
                field.Type = FieldTypes.Number;
                field.Min = 0;
                field.Max = 1_000_000;
                break;
            case 2:
                field.Type = FieldTypes.Money;
                field.Min = 0;
                break;
            case 3:
                field.Type = FieldTypes.Date;
                field.Min = "2020-01-01";
                break;
            case 4:
                field.Type = FieldTypes.SingleSelect;
                field.Options = [.. Options.Select(value => new FieldOption { Value = value, Label = new(value) })];
                break;
            case 5:
                field.Type = FieldTypes.MultiSelect;
                field.Multiple = true;
                field.Options = [.. Options.Select(value => new FieldOption { Value = value, Label = new(value) })];
                break;
            case 6:
                field.Type = FieldTypes.LongText;
                field.MaxLength = 2_000;
                break;
            case 7:
                field.Type = FieldTypes.Boolean;
                break;
            case 8:
                field.Type = FieldTypes.Text;
                field.Pattern = "1[3-9][0-9]{9}";
                break;
            default:
                field.Type = FieldTypes.DateTime;
                break;
        }

        return field;
    }

    private static FieldDefinition Column(string id, string type, Action<FieldDefinition> configure)
    {
        var field = new FieldDefinition { Id = id, Type = type, Label = new LocalizedText(id), Required = true };
        configure(field);
        return field;
    }
}
