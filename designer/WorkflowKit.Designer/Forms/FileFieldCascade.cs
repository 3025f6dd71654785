namespace WorkflowKit.Designer.Forms;

/// <summary>Names of the cascading values that <see cref="FileFieldInput"/> reads from the form around it.</summary>
public static class FileFieldCascade
{
    /// <summary>The <see cref="WorkflowKit.Definitions.Forms.FormDefinition"/> being filled in.</summary>
    public const string Form = "WorkflowKit.FileField.Form";

    /// <summary>The prefix "table." of the sub-table whose columns are rendered, null at the top level.</summary>
    public const string FieldPrefix = "WorkflowKit.FileField.Prefix";

    /// <summary>The <see cref="FileUploadScope"/> of the form; null uploads to the latest published form version.</summary>
    public const string Uploads = "WorkflowKit.FileField.Uploads";
}
