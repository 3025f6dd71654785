using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Records;

/// <summary>
/// The forms whose records a store holds. Registering a form (again after each published
/// version) gives the store its field types, serial number patterns and indexed fields.
/// </summary>
public interface IRecordFormRegistry
{
    /// <summary>Registers or replaces a form definition and builds the indexes of its indexed fields.</summary>
    Task RegisterFormAsync(FormDefinition form, CancellationToken cancellationToken);

    /// <summary>The registered definition of a form, or null when the form is unknown.</summary>
    Task<FormDefinition?> FindFormAsync(string formKey, CancellationToken cancellationToken);
}
