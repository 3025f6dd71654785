using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Validation;

/// <summary>
/// WK1339 to WK1341: flow parameter ids are unique, each value fits its type, and rule-builder paths name declared
/// parameters. The schema rejects unknown types and missing ids.
/// </summary>
public sealed class ParameterValidationTests
{
    private const string Condition =
        "{ \"any\": [{ \"all\": [{ \"field\": \"PATH\", \"operator\": \"gt\", \"value\": 0 }] }] }";

    [Test]
    public async Task Declared_parameters_are_clean()
    {
        var report = await ValidateAsync(
            """
            [{ "id": "limit", "type": "number", "label": { "zh-CN": "上限", "en": "Limit" }, "value": 80 },
             { "id": "floor", "type": "money", "value": 1000.50 },
             { "id": "note", "type": "text", "value": "" },
             { "id": "strict", "type": "boolean", "value": false }]
            """,
            "params.limit");

        Assert.That(report.Diagnostics.Select(diagnostic => diagnostic.ToString()), Is.Empty);
    }

    [Test]
    public async Task Duplicate_id_is_reported()
    {
        var report = await ValidateAsync(
            """[{ "id": "limit", "type": "number", "value": 80 }, { "id": "limit", "type": "number", "value": 90 }]""",
            "params.limit");

        var found = report.Diagnostics.Single(diagnostic => diagnostic.Code == "WK1339");
        Assert.That(found.Pointer, Is.EqualTo("/parameters/1/id"));
        Assert.That(found.Message, Is.EqualTo(
            "Parameter \"limit\" is declared twice, so params.limit would be ambiguous. Rename or remove one of them."));
    }

    [TestCase("number", "\"80\"", "\"80\"", "a number such as 80")]
    [TestCase("money", "true", "true", "a number such as 80")]
    [TestCase("text", "5", "5", "a string in quotes")]
    [TestCase("boolean", "\"yes\"", "\"yes\"", "true or false")]
    [TestCase("number", "null", "missing", "a number such as 80")]
    public async Task Value_of_wrong_type_is_reported(string type, string value, string shown, string expected)
    {
        var report = await ValidateAsync(
            $$"""[{ "id": "limit", "type": "{{type}}", "value": {{value}} }]""", "params.limit");

        var found = report.Diagnostics.Single(diagnostic => diagnostic.Code == "WK1340");
        Assert.That(found.Pointer, Is.EqualTo("/parameters/0/value"));
        Assert.That(found.Message, Is.EqualTo(
            $"Parameter \"limit\" is of type {type}, but its value is {shown}. Set the value to {expected}, or " +
            "change the type."));
    }

    [Test]
    public async Task Rule_reading_undeclared_parameter_is_reported()
    {
        var report = await ValidateAsync(
            """[{ "id": "limit", "type": "number", "value": 80 }, { "id": "days", "type": "number", "value": 90 }]""",
            "params.limt");

        var found = report.Diagnostics.Single(diagnostic => diagnostic.Code == "WK1341");
        Assert.That(found.Pointer, Is.EqualTo("/edges/1/condition/any/0/all/0/field"));
        Assert.That(found.Message, Is.EqualTo(
            "Field path \"params.limt\" reads parameter \"limt\", which the flow does not declare (declared: days, " +
            "limit). Add the parameter under \"parameters\" or correct the name."));
        Assert.That(report.Diagnostics.Where(diagnostic => diagnostic.Code == "WK1205"), Is.Empty);
    }

    [Test]
    public async Task Rule_without_any_parameters_is_reported()
    {
        var report = await ValidateAsync(null, "params.limit");

        var found = report.Diagnostics.Single(diagnostic => diagnostic.Code == "WK1341");
        Assert.That(found.Message, Does.Contain("(declared: none)"));
    }

    [TestCase("""[{ "id": "limit", "type": "date", "value": "2026-01-01" }]""")]
    [TestCase("""[{ "id": "1limit", "type": "number", "value": 1 }]""")]
    [TestCase("""[{ "type": "number", "value": 1 }]""")]
    public async Task Schema_rejects_malformed_parameter(string parameters)
    {
        var report = await ValidateAsync(parameters, "amount");

        Assert.That(report.Diagnostics.Where(diagnostic => diagnostic.Pointer.StartsWith("/parameters/0",
            StringComparison.Ordinal) && diagnostic.Code.StartsWith("WK102", StringComparison.Ordinal)), Is.Not.Empty);
        Assert.That(report.Diagnostics.Where(diagnostic => diagnostic.Code == "WK1340"), Is.Empty);
    }

    private static string Flow(string? parameters, string path)
    {
        var declared = parameters is null ? string.Empty : "\"parameters\": " + parameters + ", ";
        return "{ \"formatVersion\": 1, \"kind\": \"flow\", \"key\": \"limits\", \"name\": \"Limits\", " +
               "\"form\": \"order\", " + declared +
               """
               "nodes": [
                 { "id": "start", "type": "start" },
                 { "id": "check", "type": "condition" },
                 { "id": "high", "type": "end" },
                 { "id": "low", "type": "end" }
               ],
               "edges": [
                 { "id": "e1", "from": "start", "to": "check" },
                 { "id": "e2", "from": "check", "to": "high", "priority": 1, "condition": CONDITION },
                 { "id": "e3", "from": "check", "to": "low", "default": true }
               ] }
               """.Replace("CONDITION", Condition.Replace("PATH", path, StringComparison.Ordinal),
                   StringComparison.Ordinal);
    }

    private static async Task<ValidationReport> ValidateAsync(string? parameters, string path)
    {
        var folder = Directory.CreateTempSubdirectory("wk-parameters-").FullName;
        try
        {
            var file = Path.Combine(folder, "limits.json");
            await File.WriteAllTextAsync(file, Flow(parameters, path));
            var form = Path.Combine(TestPaths.BrokenFolder, "_support", "order-form.json");
            return await DefinitionValidator.ValidatePathsAsync([file, form], CancellationToken.None);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
