using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Expressions;
using WorkflowKit.Forms;
using WorkflowKit.Runtime.Graph;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime;

/// <summary>Validation of the form data that starts an instance.</summary>
public sealed partial class WorkflowEngine
{
    private FormValidatorFactory? _formValidators;

    /// <summary>
    /// The validators of submitted forms: the same FluentValidation validators that the form
    /// runtime, the REST API and imports use, reading the engine's directory and record store.
    /// </summary>
    private FormValidatorFactory FormValidators => _formValidators ??= new FormValidatorFactory(
        new FormValidationServices
        {
            Directory = _services.Organization,
            Records = _services.Records,
            Conditions = new ConditionEvaluator(new ScriptHost(timeProvider: _services.Time)),
        });

    /// <summary>
    /// Checks the form data of a start from a form submission or an API call against the start
    /// node's field permissions, then validates it against the flow's form with constant
    /// defaults applied first.
    /// </summary>
    /// <exception cref="FieldAccessDeniedException">
    /// The data sets a field that the start node makes read-only or hidden. Nothing has been written.
    /// </exception>
    /// <exception cref="InvalidSubmissionException">A field is invalid; nothing has been written.</exception>
    private async Task ValidateStartFormAsync(
        FlowGraph graph, StartInstanceRequest request, CancellationToken cancellationToken)
    {
        if (graph.Published.Form is not { } form
            || request.TriggerKind is not (TriggerKinds.Form or TriggerKinds.Api))
        {
            return;
        }

        var culture = request.Culture ?? CultureInfo.InvariantCulture;
        StartFieldGuard.Check(graph.Published.Key, graph.StartNode, form, request.Form, request.Initiator, culture);

        var data = WithDefaults(form, request.Form);
        await ValidateFormDataAsync(form, data, request.Initiator, request.Variables, culture, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Validates form data that the initiator submits, at a start or a resubmission.</summary>
    /// <exception cref="InvalidSubmissionException">A field is invalid.</exception>
    private async Task ValidateFormDataAsync(
        FormDefinition form, JsonObject data, string initiatorId, JsonObject? variables, CultureInfo culture,
        CancellationToken cancellationToken)
    {
        var initiator = await InitiatorAsync(initiatorId, cancellationToken).ConfigureAwait(false);
        var validator = FormValidators.Create(form, culture);
        var result = await validator.ValidateAsync(
            new FormSubmission(data)
            {
                UserId = initiatorId,
                User = initiator,
                Initiator = initiator,
                Variables = variables,
            },
            cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            throw new InvalidSubmissionException(form.Key, [.. result.Errors.Select(failure => new FieldError(
                failure.PropertyName, failure.ErrorCode, failure.ErrorMessage,
                (failure.AttemptedValue as JsonNode)?.DeepClone()))]);
        }
    }

    /// <summary>Returns a copy of <paramref name="data"/> with each missing field set to its constant default.</summary>
    private static JsonObject WithDefaults(FormDefinition? form, JsonObject? data)
    {
        var copy = (JsonObject?)data?.DeepClone() ?? [];
        foreach (var field in form?.Fields ?? [])
        {
            if (!copy.ContainsKey(field.Id) && field.Default is not null)
            {
                copy[field.Id] = field.Default.DeepClone();
            }
        }

        return copy;
    }
}
