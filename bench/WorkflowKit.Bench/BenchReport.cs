using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowKit.Bench;

/// <summary>
/// Collects figures, prints each as it is measured (with its target and PASS or MISS where it
/// has one), and writes them all as JSON.
/// </summary>
public sealed class BenchReport
{
    private readonly JsonObject _figures = [];
    private readonly JsonObject _notes = [];

    public void Add(string name, double value, string unit, Target? target = null)
    {
        var figure = new JsonObject { ["value"] = Round(value), ["unit"] = unit };
        var verdict = string.Empty;
        if (target is not null)
        {
            var met = target.IsMet(value);
            figure["target"] = target.ToString();
            figure["pass"] = met;
            verdict = $"target {target}  {(met ? "PASS" : "MISS")}";
        }

        _figures[name] = figure;
        Console.WriteLine(string.Format(
            CultureInfo.InvariantCulture, "{0,-52} {1,14:N3} {2,-14} {3}", name, value, unit, verdict));
    }

    public void Note(string name, string text)
    {
        _notes[name] = text;
        Console.WriteLine($"  note {name}: {text}");
    }

    public double? Get(string name) =>
        _figures[name] is JsonObject figure && figure["value"] is JsonValue value ? value.GetValue<double>() : null;

    public async Task WriteAsync(string path, JsonObject machine)
    {
        var document = new JsonObject
        {
            ["machine"] = machine.DeepClone(),
            ["figures"] = _figures.DeepClone(),
            ["notes"] = _notes.DeepClone(),
        };
        await File.WriteAllTextAsync(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonNode? Round(double value) =>
        double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 4)) : null;
}
