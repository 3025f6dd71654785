using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Flows;

namespace WorkflowKit.Designer.Tests.Flows;

[TestFixture]
public sealed class FlowLayoutTests
{
    [Test]
    public void Layer_is_the_longest_path_from_the_start()
    {
        var flow = Flow(("s", "a"), ("a", "b"), ("b", "e"), ("s", "e"));

        var layers = FlowLayout.Layers(flow);

        Assert.That(layers, Is.EquivalentTo(new Dictionary<string, int> { ["s"] = 0, ["a"] = 1, ["b"] = 2, ["e"] = 3 }));
    }

    [Test]
    public void Edge_looping_back_is_ignored()
    {
        var flow = Flow(("s", "a"), ("a", "b"), ("b", "a"), ("b", "e"));

        var layers = FlowLayout.Layers(flow);

        Assert.That((layers["a"], layers["b"], layers["e"]), Is.EqualTo((1, 2, 3)));
    }

    [Test]
    public void Arrange_places_layers_left_to_right_and_stacks_siblings()
    {
        var flow = Flow(("s", "a"), ("s", "b"), ("a", "e"), ("b", "e"));

        FlowLayout.Arrange(flow);

        var position = flow.Nodes.ToDictionary(n => n.Id, n => n.Position!);
        Assert.Multiple(() =>
        {
            Assert.That(position["a"].X, Is.EqualTo(position["b"].X));
            Assert.That(position["a"].Y, Is.Not.EqualTo(position["b"].Y));
            Assert.That(position["e"].X, Is.GreaterThan(position["a"].X));
            Assert.That(position["a"].X, Is.GreaterThan(position["s"].X));
        });
    }

    private static FlowDefinition Flow(params (string From, string To)[] edges)
    {
        var ids = edges.SelectMany(e => new[] { e.From, e.To }).Distinct().ToList();
        return new FlowDefinition
        {
            Nodes = [.. ids.Select(id => new NodeDefinition { Id = id, Type = id == "s" ? NodeTypes.Start : NodeTypes.Script })],
            Edges = [.. edges.Select((e, i) => new EdgeDefinition { Id = "e" + i, From = e.From, To = e.To })],
        };
    }
}
