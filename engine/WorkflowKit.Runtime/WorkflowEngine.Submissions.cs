using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms;
using WorkflowKit.Runtime.Graph;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime;

/// <summary>Computing and validating the form data that starts an instance.</summary>
public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Prepares the form data of a start from a form submission or an API call. It checks the data against the start
    /// node's field permissions, copies record values, fills empty fields with their defaults and computes every
    /// formula, so the server's values replace whatever the caller sent. Then it validates the result against the
    /// flow's form. Returns null for other starts and for flows without a form, whose data is taken as it is.
    /// </summary>
    /// <exception cref="FieldAccessDeniedException">
    /// The data sets a field that the start node makes read-only or hidden. Nothing has been written.
    /// </exception>
    /// <exception cref="InvalidSubmissionException">A field is invalid or a formula fails; nothing has been
    /// written.</exception>
    private async Task<JsonObject?> PrepareStartFormAsync(
        FlowGraph graph, StartInstanceRequest request, CancellationToken cancellationToken)
    {
        if (graph.Published.Form is not { } form
            || request.TriggerKind is not (TriggerKinds.Form or TriggerKinds.Api))
        {
            return null;
        }

        var culture = request.Culture ?? CultureInfo.InvariantCulture;
        StartFieldGuard.Check(graph.Published.Key, graph.StartNode, form, request.Form, request.Initiator, culture);

        var data = (JsonObject?)request.Form?.DeepClone() ?? [];
        await FillRecordValuesAsync(graph, form, data, request.Initiator, culture, cancellationToken)
            .ConfigureAwait(false);
        Compute(graph, form, data, cancellationToken);
        await ValidateFormDataAsync(graph, form, data, request.Initiator, request.Variables, null, culture, cancellationToken)
            .ConfigureAwait(false);
        return data;
    }

    /// <summary>
    /// Validates form data that the initiator submits, at a start or a resubmission. Unique fields are checked only
    /// when the start stores its data as a record (<c>settings.startCreatesRecord</c>), against the other records.
    /// </summary>
    /// <exception cref="InvalidSubmissionException">A field is invalid.</exception>
    private async Task ValidateFormDataAsync(
        FlowGraph graph, FormDefinition form, JsonObject data, string initiatorId, JsonObject? variables,
        long? recordId, CultureInfo culture, CancellationToken cancellationToken)
    {
        var initiator = await InitiatorAsync(initiatorId, cancellationToken).ConfigureAwait(false);
        await _services.FormChecks.ValidateAsync(
            form,
            new FormSubmission(data)
            {
                UserId = initiatorId,
                User = initiator,
                Initiator = initiator,
                Variables = variables,
                RecordId = recordId,
                Today = ValidOn.Today(_services.Time, _services.Zone(graph)),
                ChecksUniqueness = graph.Published.Flow.Settings?.StartCreatesRecord == true,
            },
            culture,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks that a start from a form or an API call is one that the flow's triggers allow, and that its initiator is
    /// among the flow's starters.
    /// </summary>
    /// <exception cref="StartNotAllowedException">The flow lists triggers but no <c>form</c> or <c>api</c> trigger, or
    /// its starters name neither the user, nor one of their roles, nor their department.</exception>
    private async Task CheckStarterAsync(FlowGraph graph, StartInstanceRequest request, CancellationToken cancellationToken)
    {
        if (request.TriggerKind is not (TriggerKinds.Form or TriggerKinds.Api))
        {
            return;
        }

        var flow = graph.Published.Flow;
        if (!HandStartRules.Allows(flow.Triggers))
        {
            throw new StartNotAllowedException(HandStartRejectedMessage(graph.Published.Key, flow.Triggers!))
            {
                FlowKey = graph.Published.Key,
                UserId = request.Initiator,
            };
        }

        if (flow.Starters is not { } starters)
        {
            return;
        }

        var user = await _services.Organization.FindUserAsync(request.Initiator, cancellationToken).ConfigureAwait(false);
        if (!StarterRules.Admits(starters, request.Initiator, user?.Roles ?? [], user?.DepartmentId))
        {
            throw new StartNotAllowedException(
                $"User '{request.Initiator}' may not start flow '{graph.Published.Key}'. Its starters are: " +
                $"{StarterRules.Describe(starters)}. Ask an admin for one of these roles, or start the flow as such a user.")
            {
                FlowKey = graph.Published.Key,
                UserId = request.Initiator,
            };
        }
    }

    /// <summary>
    /// Rejects a library caller's start with one of the engine's own trigger kinds. Schedule, record, import and
    /// sub-flow starts skip the trigger and starter checks, because the engine made them from a flow's triggers or
    /// nodes, so a caller who could choose them could start a schedule-only flow by hand.
    /// </summary>
    private static void RejectEngineTrigger(StartInstanceRequest request)
    {
        if (request.TriggerKind is TriggerKinds.Form or TriggerKinds.Api)
        {
            return;
        }

        throw new ArgumentException(
            $"Cannot start flow '{request.FlowKey}' with trigger kind \"{request.TriggerKind}\": a caller may start " +
            "an instance only with \"form\" or \"api\" (the default), which check the flow's triggers and starters. " +
            "The engine itself starts schedule, record, import and subFlow instances. Leave TriggerKind at \"api\", " +
            "or use those paths: RunScheduleNowAsync for a scheduled flow, a record write through " +
            "WorkflowEngine.Records for a record trigger, ImportFlowStarter for an import, or a subFlow node.",
            nameof(request));
    }

    private static string HandStartRejectedMessage(string flowKey, IReadOnlyList<TriggerDefinition> triggers)
    {
        var message = $"Flow '{flowKey}' cannot be started by hand: its triggers are {HandStartRules.Describe(triggers)}, " +
            "and it has no form or api trigger, so only the engine starts it.";
        if (triggers.Any(trigger => trigger.Type == TriggerTypes.Schedule))
        {
            message += $" A process owner or admin can start a scheduled run at once with Run now " +
                $"(POST /api/definitions/flows/{flowKey}/run).";
        }

        return message + " To let people start it, add an api or form trigger to the flow and publish it.";
    }

    /// <summary>
    /// Copies the fields that the form fills from other forms' records (<c>recordValue</c>), such as an order's region
    /// from its customer, reading only records the initiator may read when the engine has a reader. Validity periods
    /// use today in the flow's time zone for an empty document date.
    /// </summary>
    /// <exception cref="InvalidSubmissionException">A field with a validity period found no record valid on its
    /// date; nothing has been written.</exception>
    private async Task FillRecordValuesAsync(
        FlowGraph graph, FormDefinition form, JsonObject data, string initiatorId, CultureInfo culture,
        CancellationToken cancellationToken)
    {
        if (!RecordValues.Any(form))
        {
            return;
        }

        var zone = _services.Zone(graph);
        var dates = new RecordValueDates(ValidOn.Today(_services.Time, zone), zone, culture);
        var errors = await RecordValues.FillAsync(
            form, data, initiatorId, _services.Reader, _services.Records, dates, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            throw new InvalidSubmissionException(form.Key, errors);
        }
    }

    /// <summary>Fills defaults and computes formulas in place, as a record submission does.</summary>
    private void Compute(FlowGraph graph, FormDefinition form, JsonObject data, CancellationToken cancellationToken)
    {
        try
        {
            _services.Formulas.ComputeNew(form, data, _services.Zone(graph), cancellationToken);
        }
        catch (FormulaEvaluationException error)
        {
            throw new InvalidSubmissionException(form.Key, [new FieldError(error.Path, "formulaError", error.Message, null)]);
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
