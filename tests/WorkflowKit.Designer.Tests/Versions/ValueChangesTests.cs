using System.Text.Json.Nodes;
using WorkflowKit.Designer.Versions;

namespace WorkflowKit.Designer.Tests.Versions;

[TestFixture]
public sealed class ValueChangesTests
{
    [Test]
    public void Nested_value_gets_dotted_path()
    {
        var changes = ValueChanges.Compare(
            JsonNode.Parse("""{ "timer": { "duration": "PT30S" }, "name": "wait" }"""),
            JsonNode.Parse("""{ "timer": { "duration": "PT45S" }, "name": "wait" }"""));

        Assert.That(changes, Is.EqualTo(new[] { new ValueChange("timer.duration", "PT30S", "PT45S") }));
    }

    [Test]
    public void Items_with_ids_are_matched_by_id()
    {
        var changes = ValueChanges.Compare(
            JsonNode.Parse("""{ "options": [{ "id": "a", "label": "A" }, { "id": "b", "label": "B" }] }"""),
            JsonNode.Parse("""{ "options": [{ "id": "b", "label": "Bee" }, { "id": "a", "label": "A" }, { "id": "c", "label": "C" }] }"""));

        Assert.That(changes, Is.EqualTo(new[]
        {
            new ValueChange("options[b].label", "B", "Bee"),
            new ValueChange("options[c]", null, """{"id":"c","label":"C"}"""),
        }));
    }

    [Test]
    public void Added_and_removed_properties_have_one_side()
    {
        var changes = ValueChanges.Compare(
            JsonNode.Parse("""{ "min": 1 }"""),
            JsonNode.Parse("""{ "max": 9 }"""));

        Assert.That(changes, Is.EquivalentTo(new[] { new ValueChange("min", "1", null), new ValueChange("max", null, "9") }));
    }

    [Test]
    public void Scalar_arrays_compare_as_wholes()
    {
        var changes = ValueChanges.Compare(
            JsonNode.Parse("""{ "roles": ["sales"] }"""),
            JsonNode.Parse("""{ "roles": ["sales", "finance"] }"""));

        Assert.That(changes, Is.EqualTo(new[] { new ValueChange("roles", """["sales"]""", """["sales","finance"]""") }));
    }

    [Test]
    public void Ignored_top_level_property_is_skipped()
    {
        var changes = ValueChanges.Compare(
            JsonNode.Parse("""{ "position": { "x": 1 }, "name": "a" }"""),
            JsonNode.Parse("""{ "position": { "x": 2 }, "name": "a" }"""),
            "position");

        Assert.That(changes, Is.Empty);
    }
}
