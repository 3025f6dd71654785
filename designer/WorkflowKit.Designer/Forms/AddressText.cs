using System.Text;
using System.Text.Json.Nodes;
using WorkflowKit.Forms;

namespace WorkflowKit.Designer.Forms;

/// <summary>Formats an address field's value for read-only views, such as "上海市黄浦区 南京东路 100 号".</summary>
public static class AddressText
{
    /// <summary>The region levels of an address object, from the widest to the narrowest.</summary>
    public static readonly string[] Levels = ["province", "city", "district", "street"];

    /// <summary>
    /// Joins the regions in order without separators, as Chinese addresses are written, then the detail line after a
    /// space. A city named like its province (the four municipalities) is written once. Other properties are left out.
    /// </summary>
    public static string Format(JsonObject address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var text = new StringBuilder();
        string? previous = null;
        foreach (var level in Levels)
        {
            if (FieldValues.TryGetString(address[level], out var part) && part.Length > 0 && part != previous)
            {
                text.Append(part);
                previous = part;
            }
        }

        if (FieldValues.TryGetString(address["detail"], out var detail) && detail.Length > 0)
        {
            text.Append(text.Length > 0 ? " " : string.Empty).Append(detail);
        }

        return text.ToString();
    }
}
