using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Designer.Services;

/// <summary>Runs a form's rules on submitted data; the UI, the API and imports all call this one service.</summary>
public interface IFormValidationService
{
    Task<IReadOnlyList<FieldError>> ValidateAsync(
        FormDefinition form, JsonObject data, string culture, CancellationToken cancellationToken);
}
