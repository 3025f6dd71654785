using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms.Tests.Support;

namespace WorkflowKit.Forms.Tests.Conformance;

/// <summary>
/// Field rules that mean the same as JSON Schema's required, minimum, maxLength, pattern and
/// enum give the same results as the official JSON Schema Test Suite (draft 2020-12), read
/// from the shared data at test time. Cases without an equivalent form rule are listed below
/// with the reason; the test checks that exactly those cases are the ones left out.
/// </summary>
public sealed class JsonSchemaConformanceTests
{
    private const string NotAnObject =
        "form data is always an object; JSON Schema ignores required for other instances";
    private const string ObjectValue = "no field type holds an arbitrary JSON object as its value";
    private const string NumberTypeCheck =
        "a number field rejects text as a type error, where JSON Schema ignores minimum for non-numbers";
    private const string TextTypeCheck =
        "a text field rejects non-text values as a type error, where JSON Schema ignores the keyword for them";
    private const string NonTextEnum =
        "select options are texts; enums of numbers, booleans, arrays or null have no equivalent";
    private const string NonTextInstance = "a select field's value is a text; other JSON values are type errors";
    private const string NullIsEmpty = "an empty (null) select value is allowed unless the field is required";

    private static readonly Dictionary<string, string> NoEquivalent = new(StringComparer.Ordinal)
    {
        ["required|required validation|ignores arrays"] = NotAnObject,
        ["required|required validation|ignores strings"] = NotAnObject,
        ["required|required validation|ignores other non-objects"] = NotAnObject,
        ["required|required validation|ignores null"] = NotAnObject,
        ["required|required validation|ignores boolean"] = NotAnObject,
        ["required|required properties whose names are Javascript object property names|ignores arrays"] = NotAnObject,
        ["required|required properties whose names are Javascript object property names|ignores other non-objects"] =
            NotAnObject,
        ["required|required properties whose names are Javascript object property names|toString present"] =
            ObjectValue,
        ["required|required properties whose names are Javascript object property names|constructor present"] =
            ObjectValue,
        ["required|required properties whose names are Javascript object property names|all present"] = ObjectValue,
        ["minimum|minimum validation|ignores non-numbers"] = NumberTypeCheck,
        ["minimum|minimum validation with signed integer|ignores non-numbers"] = NumberTypeCheck,
        ["maxLength|maxLength validation|ignores non-strings"] = TextTypeCheck,
        ["pattern|pattern validation|ignores booleans"] = TextTypeCheck,
        ["pattern|pattern validation|ignores integers"] = TextTypeCheck,
        ["pattern|pattern validation|ignores floats"] = TextTypeCheck,
        ["pattern|pattern validation|ignores objects"] = TextTypeCheck,
        ["pattern|pattern validation|ignores arrays"] = TextTypeCheck,
        ["enum|simple enum validation|one of the enum is valid"] = NonTextEnum,
        ["enum|simple enum validation|something else is invalid"] = NonTextEnum,
        ["enum|heterogeneous enum validation|one of the enum is valid"] = NonTextEnum,
        ["enum|heterogeneous enum validation|something else is invalid"] = NonTextEnum,
        ["enum|heterogeneous enum validation|objects are deep compared"] = NonTextEnum,
        ["enum|heterogeneous enum validation|valid object matches"] = NonTextEnum,
        ["enum|heterogeneous enum validation|extra properties in object is invalid"] = NonTextEnum,
        ["enum|heterogeneous enum-with-null validation|null is valid"] = NonTextEnum,
        ["enum|heterogeneous enum-with-null validation|number is valid"] = NonTextEnum,
        ["enum|heterogeneous enum-with-null validation|something else is invalid"] = NonTextEnum,
        ["enum|enum with false does not match 0|false is valid"] = NonTextEnum,
        ["enum|enum with false does not match 0|integer zero is invalid"] = NonTextEnum,
        ["enum|enum with false does not match 0|float zero is invalid"] = NonTextEnum,
        ["enum|enum with [false] does not match [0]|[false] is valid"] = NonTextEnum,
        ["enum|enum with [false] does not match [0]|[0] is invalid"] = NonTextEnum,
        ["enum|enum with [false] does not match [0]|[0.0] is invalid"] = NonTextEnum,
        ["enum|enum with true does not match 1|true is valid"] = NonTextEnum,
        ["enum|enum with true does not match 1|integer one is invalid"] = NonTextEnum,
        ["enum|enum with true does not match 1|float one is invalid"] = NonTextEnum,
        ["enum|enum with [true] does not match [1]|[true] is valid"] = NonTextEnum,
        ["enum|enum with [true] does not match [1]|[1] is invalid"] = NonTextEnum,
        ["enum|enum with [true] does not match [1]|[1.0] is invalid"] = NonTextEnum,
        ["enum|enum with 0 does not match false|false is invalid"] = NonTextEnum,
        ["enum|enum with 0 does not match false|integer zero is valid"] = NonTextEnum,
        ["enum|enum with 0 does not match false|float zero is valid"] = NonTextEnum,
        ["enum|enum with [0] does not match [false]|[false] is invalid"] = NonTextEnum,
        ["enum|enum with [0] does not match [false]|[0] is valid"] = NonTextEnum,
        ["enum|enum with [0] does not match [false]|[0.0] is valid"] = NonTextEnum,
        ["enum|enum with 1 does not match true|true is invalid"] = NonTextEnum,
        ["enum|enum with 1 does not match true|integer one is valid"] = NonTextEnum,
        ["enum|enum with 1 does not match true|float one is valid"] = NonTextEnum,
        ["enum|enum with [1] does not match [true]|[true] is invalid"] = NonTextEnum,
        ["enum|enum with [1] does not match [true]|[1] is valid"] = NonTextEnum,
        ["enum|enum with [1] does not match [true]|[1.0] is valid"] = NonTextEnum,
        ["enum|empty enum|number is invalid"] = NonTextInstance,
        ["enum|empty enum|null is invalid"] = NullIsEmpty,
        ["enum|empty enum|object is invalid"] = NonTextInstance,
        ["enum|empty enum|array is invalid"] = NonTextInstance,
        ["enum|empty enum|boolean is invalid"] = NonTextInstance,
    };

    private static readonly string[] Keywords = ["required", "minimum", "maxLength", "pattern", "enum"];

    private sealed record SuiteCase(string Key, string Keyword, JsonObject Schema, JsonNode? Data, bool Valid);

    private static List<SuiteCase> LoadCases()
    {
        var folder = SharedData.Require("test-suites/json-schema-2020-12");
        var cases = new List<SuiteCase>();
        foreach (var keyword in Keywords)
        {
            var groups = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, keyword + ".json")))!.AsArray();
            foreach (var group in groups.Select(g => g!.AsObject()))
            {
                foreach (var test in group["tests"]!.AsArray().Select(t => t!.AsObject()))
                {
                    var groupName = group["description"]!.GetValue<string>();
                    var key = $"{keyword}|{groupName}|{test["description"]!.GetValue<string>()}";
                    cases.Add(new SuiteCase(
                        key, keyword, group["schema"]!.AsObject(), test["data"]?.DeepClone(),
                            test["valid"]!.GetValue<bool>()));
                }
            }
        }

        return cases;
    }

    [Test]
    public async Task Mapped_cases_give_the_suites_answers()
    {
        var cases = LoadCases();
        var factory = new FormValidatorFactory(new FormValidationServices());
        var mapped = 0;
        var skipped = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var suiteCase in cases)
        {
            var mapping = Map(suiteCase);
            if (mapping.Reason is not null)
            {
                skipped[suiteCase.Key] = mapping.Reason;
                continue;
            }

            var validator = factory.Create(mapping.Form!, CultureInfo.InvariantCulture);
            var result = await validator.ValidateAsync(new FormSubmission(mapping.Data!));
            Assert.That(result.IsValid, Is.EqualTo(suiteCase.Valid),
                $"{suiteCase.Key}: {string.Join("; ", result.Errors.Select(e => e.ErrorMessage))}");
            mapped++;
        }

        Assert.That(skipped, Is.EquivalentTo(NoEquivalent), "cases left out, with their reasons");
        Assert.That(mapped + skipped.Count, Is.EqualTo(cases.Count));
        Assert.That(mapped, Is.EqualTo(cases.Count - NoEquivalent.Count));
    }

    private static (FormDefinition? Form, JsonObject? Data, string? Reason) Map(SuiteCase suiteCase)
    {
        var schema = suiteCase.Schema;
        var data = suiteCase.Data;
        switch (suiteCase.Keyword)
        {
            case "required":
            {
                if (data is not JsonObject instance)
                {
                    return (null, null, NotAnObject);
                }

                if (instance.Any(pair => pair.Value is JsonObject or JsonArray))
                {
                    return (null, null, ObjectValue);
                }

                var names = (schema["properties"]?.AsObject().Select(p => p.Key) ?? [])
                    .Concat(schema["required"]?.AsArray().Select(n => n!.GetValue<string>()) ?? [])
                    .Concat(instance.Select(p => p.Key))
                    .Distinct(StringComparer.Ordinal);
                var required = new HashSet<string>(
                    schema["required"]?.AsArray().Select(n => n!.GetValue<string>()) ?? [], StringComparer.Ordinal);
                var fields = names.Select(name => new FieldDefinition
                {
                    Id = name, Label = new LocalizedText(name), Required = required.Contains(name),
                    Type = instance[name]?.GetValueKind() switch
                    {
                        JsonValueKind.Number => FieldTypes.Number,
                        JsonValueKind.True or JsonValueKind.False => FieldTypes.Boolean,
                        _ => FieldTypes.Text,
                    },
                }).ToList();
                return (new FormDefinition { Key = "suite", Fields = fields }, instance, null);
            }

            case "minimum":
                if (data?.GetValueKind() != JsonValueKind.Number)
                {
                    return (null, null, NumberTypeCheck);
                }

                return Single(new FieldDefinition { Type = FieldTypes.Number, Min = schema["minimum"]!.DeepClone() },
                    data);
            case "maxLength":
                if (data?.GetValueKind() != JsonValueKind.String)
                {
                    return (null, null, TextTypeCheck);
                }

                var maxLength = schema["maxLength"]!.GetValue<decimal>();
                return Single(new FieldDefinition { Type = FieldTypes.Text, MaxLength = (int)maxLength }, data);
            case "pattern":
                if (data is not null && data.GetValueKind() != JsonValueKind.String)
                {
                    return (null, null, TextTypeCheck);
                }

                return Single(
                    new FieldDefinition
                    {
                        Type = FieldTypes.Text, Pattern = schema["pattern"]!.GetValue<string>(),
                            PatternAnchored = false,
                    },
                    data);
            default:
                return MapEnum(schema, data);
        }
    }

    private static (FormDefinition?, JsonObject?, string?) MapEnum(JsonObject schema, JsonNode? data)
    {
        if (schema["properties"] is JsonObject properties)
        {
            var required = new HashSet<string>(
                schema["required"]?.AsArray().Select(n => n!.GetValue<string>()) ?? [], StringComparer.Ordinal);
            var fields = properties.Select(pair => Select(pair.Key, pair.Value!["enum"]!.AsArray(),
                required.Contains(pair.Key)))
                .ToList();
            return fields.Any(field => field is null) || data is not JsonObject instance
                ? (null, null, NonTextEnum)
                : (new FormDefinition { Key = "suite", Fields = fields! }, instance, null);
        }

        var field = Select("value", schema["enum"]!.AsArray(), required: false);
        if (field is null)
        {
            return (null, null, NonTextEnum);
        }

        if (data is null)
        {
            return (null, null, NullIsEmpty);
        }

        return data.GetValueKind() != JsonValueKind.String
            ? (null, null, NonTextInstance)
            : (new FormDefinition { Key = "suite", Fields = [field] }, new JsonObject { ["value"] = data }, null);
    }

    private static FieldDefinition? Select(string id, JsonArray values, bool required)
    {
        if (values.Any(value => value?.GetValueKind() != JsonValueKind.String))
        {
            return null;
        }

        return new FieldDefinition
        {
            Id = id, Type = FieldTypes.SingleSelect, Label = new LocalizedText(id), Required = required,
            Options = [.. values.Select(value => new FieldOption
            {
                Value = value!.GetValue<string>(), Label = new LocalizedText(value.GetValue<string>()),
            })],
        };
    }

    private static (FormDefinition?, JsonObject?, string?) Single(FieldDefinition field, JsonNode? data)
    {
        field.Id = "value";
        field.Label = new LocalizedText("value");
        var instance = new JsonObject();
        if (data is not null)
        {
            instance["value"] = data.DeepClone();
        }

        return (new FormDefinition { Key = "suite", Fields = [field] }, instance, null);
    }
}
