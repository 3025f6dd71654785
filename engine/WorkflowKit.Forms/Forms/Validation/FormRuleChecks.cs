using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Results;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Expressions;

namespace WorkflowKit.Forms.Validation;

/// <summary>
/// Evaluates cross-field rules (<see cref="FormDefinition.Rules"/>) and sub-table row rules
/// (<see cref="FieldDefinition.RowRules"/>) with the expression engine's condition evaluator.
/// A rule that fails adds its message on its first field. A rule whose JavaScript throws or
/// exceeds a limit adds a "ruleError" failure, so a broken rule never passes silently.
/// </summary>
internal static class FormRuleChecks
{
    /// <summary>
    /// Adds failures for the rules that do not hold on <paramref name="scope"/>, skipping the rules that read a field
    /// of <see cref="FormSubmission.UnreadFields"/>. For row rules
    /// <paramref name="rowPrefix"/> is the row path such as <c>lines[2]</c>; for form rules it is null.
    /// </summary>
    public static void Check(
        IReadOnlyList<FormRule> rules, FieldScope scope, string? rowPrefix, ConditionEvaluator evaluator,
        FormMessages messages, IValidationContext context, CancellationToken cancellationToken)
    {
        var conditionContext = ContextFor(scope, rowPrefix is not null);
        var unread = scope.Root.UnreadFields;
        foreach (var rule in rules)
        {
            if (FormRuleFields.ReadsAny(rule, unread))
            {
                continue;
            }

            var field = rule.Fields is { Count: > 0 } fields ? fields[0] : null;
            var path = (rowPrefix, field) switch
            {
                (null, null) => string.Empty,
                (null, _) => field,
                (_, null) => rowPrefix,
                _ => rowPrefix + "." + field,
            };

            string? message;
            string code;
            try
            {
                if (evaluator.Evaluate(rule.Condition, conditionContext, cancellationToken))
                {
                    continue;
                }

                message = RuleMessages.Fill(rule.Message.Get(messages.Culture.Name), conditionContext, messages.Culture);
                if (scope.RowIndex is { } rowIndex && rowPrefix is not null)
                {
                    message = messages.RowName(rowIndex) + message;
                }

                code = "rule";
            }
            catch (Exception error) when (error is ScriptException or ArgumentException)
            {
                message = messages.RuleFailed(rule.Id, error.Message);
                code = "ruleError";
            }

            var attempted = field is null ? null : scope.Data[field]?.DeepClone();
            AddFailure(context, new ValidationFailure(path, message, attempted) { ErrorCode = code });
        }
    }

    private static ConditionContext ContextFor(FieldScope scope, bool perRow)
    {
        var root = scope.Root;
        if (!perRow)
        {
            return new ConditionContext
            {
                Form = root.Data, Vars = root.Variables, User = root.User, Initiator = root.Initiator,
            };
        }

        // Plain names in a row rule read the row's columns first, then the form's fields.
        var overlay = new JsonObject();
        foreach (var (key, value) in root.Data)
        {
            overlay[key] = value?.DeepClone();
        }

        foreach (var (key, value) in scope.Data)
        {
            overlay[key] = value?.DeepClone();
        }

        return new ConditionContext
        {
            Form = overlay, Row = scope.Data, Vars = root.Variables, User = root.User, Initiator = root.Initiator,
        };
    }

    private static void AddFailure(IValidationContext context, ValidationFailure failure)
    {
        switch (context)
        {
            case ValidationContext<FormSubmission> form:
                form.AddFailure(failure);
                break;
            case ValidationContext<SubTableRow> row:
                row.AddFailure(failure);
                break;
            default:
                throw new InvalidOperationException($"Unexpected validation context {context.GetType().Name}.");
        }
    }
}
