using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Definitions.Tests.Json;

/// <summary>Deserializing and serializing again keeps every property of every example document.</summary>
public sealed class RoundTripTests
{
    public static IEnumerable<string> ExampleFiles { get; } =
        Directory.EnumerateFiles(TestPaths.ExamplePackage, "*.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(TestPaths.ExamplePackage, path))
            .Order(StringComparer.Ordinal)
            .ToList();

    [TestCaseSource(nameof(ExampleFiles))]
    public async Task Example_survives_round_trip(string relativePath)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(TestPaths.ExamplePackage, relativePath));
        var original = JsonNode.Parse(json)!;

        var written = original["kind"]!.GetValue<string>() switch
        {
            "form" => DefinitionJson.Serialize(DefinitionJson.Deserialize<FormDefinition>(json)),
            "flow" => DefinitionJson.Serialize(DefinitionJson.Deserialize<FlowDefinition>(json)),
            "view" => DefinitionJson.Serialize(DefinitionJson.Deserialize<ViewDefinition>(json)),
            _ => DefinitionJson.Serialize(DefinitionJson.Deserialize<PackageManifest>(json)),
        };

        Assert.That(JsonNode.DeepEquals(original, JsonNode.Parse(written)), Is.True, written);
    }

    [Test]
    public async Task Examples_cover_every_node_type_and_field_type()
    {
        var nodeTypes = new HashSet<string>(StringComparer.Ordinal);
        var fieldTypes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in ExampleFiles.Select(file => Path.Combine(TestPaths.ExamplePackage, file)))
        {
            var node = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
            foreach (var item in node["nodes"]?.AsArray() ?? [])
            {
                nodeTypes.Add(item!["type"]!.GetValue<string>());
            }

            CollectFieldTypes(node["fields"]?.AsArray(), fieldTypes);
        }

        Assert.That(nodeTypes, Is.EquivalentTo(NodeTypes.All));
        Assert.That(fieldTypes, Is.EquivalentTo(FieldTypes.All));
    }

    [Test]
    public void Field_permission_reads_string_and_object_forms()
    {
        const string json = """{"a": "hidden", "b": {"access": "editable", "addRows": false}}""";

        var permissions = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, FieldPermission>>(
            json, DefinitionJson.Options)!;

        Assert.That(permissions["a"].Access, Is.EqualTo(FieldPermission.Hidden));
        Assert.That((permissions["b"].Access, permissions["b"].AddRows), Is.EqualTo((FieldPermission.Editable,
            (bool?)false)));
        Assert.That(
            JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(DefinitionJson.Serialize(permissions))), Is.True);
    }

    [Test]
    public void Field_permission_keeps_row_owner()
    {
        const string json = """{"rows": {"access": "editable", "addRows": false, "rowOwner": "salesOwner"}}""";

        var permissions = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, FieldPermission>>(
            json, DefinitionJson.Options)!;

        Assert.That(permissions["rows"].RowOwner, Is.EqualTo("salesOwner"));
        Assert.That(
            JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(DefinitionJson.Serialize(permissions))), Is.True);
    }

    private static void CollectFieldTypes(JsonArray? fields, HashSet<string> types)
    {
        foreach (var field in fields ?? [])
        {
            types.Add(field!["type"]!.GetValue<string>());
            CollectFieldTypes(field["fields"]?.AsArray(), types);
        }
    }
}
