using System.Text.Json.Nodes;

namespace WorkflowKit.Designer.Forms;

/// <summary>The model an <c>EditForm</c> edits: the form's values as JSON, keyed by field id.</summary>
public sealed class FormModel(JsonObject data)
{
    public JsonObject Data { get; } = data;
}
