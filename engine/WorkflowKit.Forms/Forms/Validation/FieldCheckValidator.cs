using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Validators;

namespace WorkflowKit.Forms.Validation;

/// <summary>Runs one <see cref="FieldCheck"/> as a FluentValidation property validator.</summary>
internal sealed class FieldCheckValidator<T>(FieldCheck check, Func<T, FieldScope> scope)
    : PropertyValidator<T, JsonNode?>
{
    public override string Name => check.Code;

    public override bool IsValid(ValidationContext<T> context, JsonNode? value)
    {
        var message = check.Check(value, scope(context.InstanceToValidate));
        if (message is null)
        {
            return true;
        }

        context.MessageFormatter.AppendArgument("Problem", message);
        return false;
    }

    protected override string GetDefaultMessageTemplate(string errorCode) => "{Problem}";
}
