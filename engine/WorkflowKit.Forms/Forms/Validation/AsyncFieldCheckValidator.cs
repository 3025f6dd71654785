using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Validators;

namespace WorkflowKit.Forms.Validation;

/// <summary>Runs one <see cref="AsyncFieldCheck"/> as a FluentValidation asynchronous property validator.</summary>
internal sealed class AsyncFieldCheckValidator<T>(AsyncFieldCheck check, Func<T, FieldScope> scope)
    : AsyncPropertyValidator<T, JsonNode?>
{
    public override string Name => check.Code;

    public override async Task<bool> IsValidAsync(
        ValidationContext<T> context, JsonNode? value, CancellationToken cancellation)
    {
        var message = await check.Check(value, scope(context.InstanceToValidate), cancellation).ConfigureAwait(false);
        if (message is null)
        {
            return true;
        }

        context.MessageFormatter.AppendArgument("Problem", message);
        return false;
    }

    protected override string GetDefaultMessageTemplate(string errorCode) => "{Problem}";
}
