using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Validation;

/// <summary>
/// WK1350: a number or money parameter keeps within its min, max and atLeast, and those bounds are declared on a
/// parameter that can have them.
/// </summary>
public sealed class ParameterBoundsTests
{
    private const string Watch = """{ "id": "watch", "type": "number", "value": 80, "min": 1, "max": 500 }""";

    [TestCase("80")]
    [TestCase("1")]
    [TestCase("500")]
    public async Task Value_within_bounds_is_clean(string value)
    {
        var report = await ValidateAsync(
            $$"""[{ "id": "watch", "type": "number", "value": {{value}}, "min": 1, "max": 500 }]""");

        Assert.That(report.Diagnostics.Select(diagnostic => diagnostic.ToString()), Is.Empty);
    }

    [TestCase("-50", "Parameter \"watch\" is -50, below its min 1. Set a value of at least 1.")]
    [TestCase("500.5", "Parameter \"watch\" is 500.5, above its max 500. Set a value of at most 500.")]
    public async Task Value_outside_min_or_max_is_reported(string value, string message)
    {
        var report = await ValidateAsync(
            $$"""[{ "id": "watch", "type": "number", "value": {{value}}, "min": 1, "max": 500 }]""");

        var found = report.Diagnostics.Single();
        Assert.That(found.Code, Is.EqualTo(DiagnosticCodes.ParameterOutOfRange));
        Assert.That(found.Severity, Is.EqualTo(DiagnosticSeverity.Error));
        Assert.That(found.Pointer, Is.EqualTo("/parameters/0/value"));
        Assert.That(found.Message, Is.EqualTo(message));
    }

    [Test]
    public async Task Value_below_atLeast_parameter_is_reported()
    {
        var report = await ValidateAsync(
            $$"""[{{Watch}}, { "id": "restrict", "type": "number", "value": 70, "atLeast": "watch" }]""");

        var found = report.Diagnostics.Single();
        Assert.That(found.Code, Is.EqualTo(DiagnosticCodes.ParameterOutOfRange));
        Assert.That(found.Pointer, Is.EqualTo("/parameters/1/value"));
        Assert.That(found.Message, Is.EqualTo(
            "Parameter \"restrict\" is 70, below parameter \"watch\" (80), which it must be at least. Set it to 80 " +
            "or more, or lower \"watch\"."));
        Assert.That(found.Arguments["other"], Is.EqualTo("watch"));
    }

    [Test]
    public async Task Value_equal_to_atLeast_parameter_is_clean()
    {
        var report = await ValidateAsync(
            $$"""[{ "id": "restrict", "type": "number", "value": 80, "atLeast": "watch" }, {{Watch}}]""");

        Assert.That(report.Diagnostics.Select(diagnostic => diagnostic.ToString()), Is.Empty);
    }

    [TestCase("""[{ "id": "note", "type": "text", "value": "x", "min": 1 }]""", "/parameters/0/min",
        "Parameter \"note\" is of type text, but \"min\" applies only to number and money parameters. Remove it, or change the type.")]
    [TestCase("""[{ "id": "watch", "type": "number", "value": 5, "min": 10, "max": 1 }]""", "/parameters/0/max",
        "Parameter \"watch\" has min 10 above max 1, so no value fits. Correct one of them.")]
    [TestCase("""[{ "id": "restrict", "type": "number", "value": 5, "atLeast": "wach" }]""", "/parameters/0/atLeast",
        "Parameter \"restrict\" must be at least parameter \"wach\", but the flow has no other number or money parameter with that id. Correct \"atLeast\", or remove it.")]
    [TestCase("""[{ "id": "restrict", "type": "number", "value": 5, "atLeast": "restrict" }]""", "/parameters/0/atLeast",
        "Parameter \"restrict\" must be at least parameter \"restrict\", but the flow has no other number or money parameter with that id. Correct \"atLeast\", or remove it.")]
    public async Task Misdeclared_bound_is_reported(string parameters, string pointer, string message)
    {
        var report = await ValidateAsync(parameters);

        var found = report.Diagnostics.Single();
        Assert.That(found.Code, Is.EqualTo(DiagnosticCodes.ParameterOutOfRange));
        Assert.That(found.Pointer, Is.EqualTo(pointer));
        Assert.That(found.Message, Is.EqualTo(message));
    }

    [Test]
    public async Task Schema_rejects_text_bound()
    {
        var report = await ValidateAsync("""[{ "id": "watch", "type": "number", "value": 5, "min": "1" }]""");

        Assert.That(report.Diagnostics.Where(diagnostic => diagnostic.Pointer == "/parameters/0/min"), Is.Not.Empty);
    }

    private static string Flow(string parameters) =>
        """{ "formatVersion": 1, "kind": "flow", "key": "limits", "name": "Limits", "form": "order", "parameters": """ +
        parameters +
        """
        , "nodes": [
            { "id": "start", "type": "start" },
            { "id": "done", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "done" }
          ] }
        """;

    private static async Task<ValidationReport> ValidateAsync(string parameters)
    {
        var folder = Directory.CreateTempSubdirectory("wk-bounds-").FullName;
        try
        {
            var file = Path.Combine(folder, "limits.json");
            await File.WriteAllTextAsync(file, Flow(parameters));
            var form = Path.Combine(TestPaths.BrokenFolder, "_support", "order-form.json");
            return await DefinitionValidator.ValidatePathsAsync([file, form], CancellationToken.None);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
