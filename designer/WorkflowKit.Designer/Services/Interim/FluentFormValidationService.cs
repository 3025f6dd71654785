using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentValidation;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Designer.Services.Interim;

/// <summary>
/// Builds a FluentValidation validator from a form definition: required, range, length,
/// anchored pattern, options and cross-field rules.
/// </summary>
/// <remarks>NOTE: interim until the forms library's validators land; then this delegates to them.</remarks>
public sealed class FluentFormValidationService : IFormValidationService
{
    public async Task<IReadOnlyList<FieldError>> ValidateAsync(
        FormDefinition form, JsonObject data, string culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var validator = Build(form, culture);
        var result = await validator.ValidateAsync(data, cancellationToken);
        return [.. result.Errors.Select(error => new FieldError(error.PropertyName, error.ErrorMessage))];
    }

    public static IValidator<JsonObject> Build(FormDefinition form, string culture)
    {
        ArgumentNullException.ThrowIfNull(form);
        var zh = culture.StartsWith("zh", StringComparison.Ordinal);
        var validator = new InlineValidator<JsonObject>();
        foreach (var field in form.Fields.Where(field => field.Type is not FieldTypes.Formula and not FieldTypes.Serial))
        {
            AddFieldRules(validator, field, zh ? "zh-CN" : "en", zh);
        }

        foreach (var rule in form.Rules ?? [])
        {
            var target = rule.Fields?.FirstOrDefault() ?? rule.Id;
            validator.RuleFor(data => data)
                .Must(data => ConditionEvaluator.Evaluate(rule.Condition, data))
                .OverridePropertyName(target)
                .WithMessage(rule.Message.Get(zh ? "zh-CN" : "en"));
        }

        return validator;
    }

    private static void AddFieldRules(InlineValidator<JsonObject> validator, FieldDefinition field, string culture, bool zh)
    {
        var label = field.Label.Get(culture);
        var id = field.Id;
        if (field.Required)
        {
            validator.RuleFor(data => Get(data, id)).Must(value => !IsEmpty(value)).OverridePropertyName(id)
                .WithMessage(zh ? $"请填写{label}" : $"{label} is required.");
        }

        if (field.Type is FieldTypes.Number or FieldTypes.Money)
        {
            validator.RuleFor(data => Get(data, id)).Must(value => IsEmpty(value) || ConditionEvaluator.ToDecimal(value) is not null)
                .OverridePropertyName(id)
                .WithMessage(zh ? $"{label}必须是数字" : $"{label} must be a number.");
            if (ConditionEvaluator.ToDecimal(field.Min) is { } min)
            {
                validator.RuleFor(data => Get(data, id))
                    .Must(value => ConditionEvaluator.ToDecimal(value) is not { } number || number >= min)
                    .OverridePropertyName(id)
                    .WithMessage(zh ? $"{label}不能小于{Format(min)}" : $"{label} must be at least {Format(min)}.");
            }

            if (ConditionEvaluator.ToDecimal(field.Max) is { } max)
            {
                validator.RuleFor(data => Get(data, id))
                    .Must(value => ConditionEvaluator.ToDecimal(value) is not { } number || number <= max)
                    .OverridePropertyName(id)
                    .WithMessage(zh ? $"{label}不能大于{Format(max)}" : $"{label} must be at most {Format(max)}.");
            }
        }

        if (field.MinLength is { } minLength)
        {
            validator.RuleFor(data => Text(Get(data, id))).Must(text => text.Length == 0 || text.Length >= minLength)
                .OverridePropertyName(id)
                .WithMessage(zh ? $"{label}至少{minLength}个字符" : $"{label} needs at least {minLength} characters.");
        }

        if (field.MaxLength is { } maxLength)
        {
            validator.RuleFor(data => Text(Get(data, id))).Must(text => text.Length <= maxLength)
                .OverridePropertyName(id)
                .WithMessage(zh ? $"{label}最多{maxLength}个字符" : $"{label} allows at most {maxLength} characters.");
        }

        if (!string.IsNullOrEmpty(field.Pattern))
        {
            var pattern = field.PatternAnchored == false ? field.Pattern : $"^(?:{field.Pattern})$";
            var regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
            var message = field.PatternMessage?.Get(culture)
                ?? (zh ? $"{label}格式不正确" : $"{label} does not have the expected format.");
            validator.RuleFor(data => Text(Get(data, id))).Must(text => text.Length == 0 || regex.IsMatch(text))
                .OverridePropertyName(id).WithMessage(message);
        }

        if (field.Type == FieldTypes.SingleSelect && field.Options is { Count: > 0 } options)
        {
            var allowed = options.Select(option => option.Value).ToHashSet(StringComparer.Ordinal);
            validator.RuleFor(data => Text(Get(data, id))).Must(text => text.Length == 0 || allowed.Contains(text))
                .OverridePropertyName(id)
                .WithMessage(zh ? $"{label}不是可选项" : $"{label} is not one of the options.");
        }
    }

    private static string Format(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static JsonNode? Get(JsonObject data, string id) => data.TryGetPropertyValue(id, out var value) ? value : null;

    private static bool IsEmpty(JsonNode? value) =>
        value is null || (value is JsonValue json && json.GetValueKind() == System.Text.Json.JsonValueKind.String
            && string.IsNullOrWhiteSpace(json.GetValue<string>())) || value is JsonArray { Count: 0 };

    private static string Text(JsonNode? value) =>
        value is null ? string.Empty
        : value is JsonValue json && json.GetValueKind() == System.Text.Json.JsonValueKind.String ? json.GetValue<string>()
        : value.ToJsonString();
}
