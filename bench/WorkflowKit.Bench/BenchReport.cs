using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowKit.Bench;

/// <summary>Collects figures, prints each as it is measured, and writes them all as JSON.</summary>
public sealed class BenchReport
{
    private readonly JsonObject _figures = [];

    public void Add(string name, double value, string unit)
    {
        _figures[name] = new JsonObject { ["value"] = Math.Round(value, 4), ["unit"] = unit };
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-58} {1,14:N2} {2}", name, value, unit));
    }

    public void Note(string name, string text)
    {
        _figures[name] = text;
        Console.WriteLine($"{name,-58} {text}");
    }

    public double? Get(string name) =>
        _figures[name] is JsonObject figure ? figure["value"]!.GetValue<double>() : null;

    public async Task WriteAsync(string path, JsonObject machine)
    {
        var document = new JsonObject { ["machine"] = machine, ["figures"] = _figures.DeepClone() };
        await File.WriteAllTextAsync(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
