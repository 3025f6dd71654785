using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Flows;
using WorkflowKit.Designer.Tests.Support;

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

    [Test]
    public void Detour_bends_around_blocking_node()
    {
        // s -> a -> e and s -> e: a sits on the straight line from s to e.
        var flow = Flow(("s", "a"), ("a", "e"), ("s", "e"));
        Place(flow, ("s", 0, 100), ("a", 200, 100), ("e", 400, 100));

        var bends = FlowLayout.Detour(flow, Edge(flow, "s", "e"), NodeWidth, NodeHeight);

        Assert.That(bends, Has.Count.EqualTo(4));
        Assert.Multiple(() =>
        {
            Assert.That(bends[1].Y, Is.EqualTo(bends[2].Y), "one horizontal lane");
            Assert.That(bends[1].Y, Is.LessThanOrEqualTo(100 - 10).Or.GreaterThanOrEqualTo(100 + NodeHeight + 10),
                "lane clear of a's box");
            Assert.That((bends[0].X, bends[0].Y), Is.EqualTo((bends[1].X, 100 + (NodeHeight / 2))), "leaves s to the right");
            Assert.That((bends[3].X, bends[3].Y), Is.EqualTo((bends[2].X, 100 + (NodeHeight / 2))), "enters e from the left");
            Assert.That(bends[1].X, Is.GreaterThan(NodeWidth).And.LessThan(200), "turns before a");
            Assert.That(bends[2].X, Is.GreaterThan(200 + NodeWidth).And.LessThan(400), "turns back after a");
        });
    }

    [Test]
    public void Detour_back_edge_clears_own_nodes()
    {
        // b loops back to a, which is to its left on the same level.
        var flow = Flow(("s", "a"), ("a", "b"), ("b", "a"), ("b", "e"));
        Place(flow, ("s", 0, 100), ("a", 200, 100), ("b", 400, 100), ("e", 600, 100));

        var bends = FlowLayout.Detour(flow, Edge(flow, "b", "a"), NodeWidth, NodeHeight);

        Assert.That(bends, Has.Count.EqualTo(4));
        Assert.Multiple(() =>
        {
            Assert.That(bends[1].X, Is.GreaterThan(400 + NodeWidth), "leaves b to the right");
            Assert.That(bends[2].X, Is.LessThan(200), "enters a from the left");
            Assert.That(bends[1].Y, Is.LessThanOrEqualTo(100 - 10).Or.GreaterThanOrEqualTo(100 + NodeHeight + 10),
                "lane clear of a and b");
        });
    }

    [Test]
    public void Detour_empty_for_clear_line()
    {
        var flow = Flow(("s", "a"), ("a", "e"), ("s", "e"));
        Place(flow, ("s", 0, 100), ("a", 200, 300), ("e", 400, 100));

        Assert.Multiple(() =>
        {
            Assert.That(FlowLayout.Detour(flow, Edge(flow, "s", "e"), NodeWidth, NodeHeight), Is.Empty, "long edge");
            Assert.That(FlowLayout.Detour(flow, Edge(flow, "s", "a"), NodeWidth, NodeHeight), Is.Empty, "short edge");
        });
    }

    [Test]
    public void Detour_uses_gap_between_nodes()
    {
        // a and b stack in the middle layer; the line from s to e runs through a, just above the gap below it.
        var flow = Flow(("s", "a"), ("s", "b"), ("a", "e"), ("b", "e"), ("s", "e"));
        Place(flow, ("s", 0, 130), ("a", 200, 100), ("b", 200, 220), ("e", 400, 130));

        var bends = FlowLayout.Detour(flow, Edge(flow, "s", "e"), NodeWidth, NodeHeight);

        var gapTop = 100 + NodeHeight + 10;
        var gapBottom = 220 - 10;
        Assert.That(bends, Has.Count.EqualTo(4));
        Assert.That(bends[1].Y, Is.InRange(gapTop, gapBottom));
    }

    [Test]
    public void Detour_clears_order_template_nodes()
    {
        var path = Path.Combine(DesignerAppFactory.RepositoryTemplates(), "biopharma", "flows", "order-to-shipment.flow.json");
        var flow = DefinitionJson.Deserialize<FlowDefinition>(File.ReadAllText(path));
        FlowLayout.Arrange(flow);
        var bent = 0;

        foreach (var edge in flow.Edges)
        {
            var bends = FlowLayout.Detour(flow, edge, NodeWidth, NodeHeight);
            bent += bends.Count > 0 ? 1 : 0;
            var from = flow.Nodes.Single(node => node.Id == edge.From).Position!;
            var to = flow.Nodes.Single(node => node.Id == edge.To).Position!;
            var line = new List<(double X, double Y)> { (from.X + NodeWidth, from.Y + (NodeHeight / 2)) };
            line.AddRange(bends.Select(bend => (bend.X, bend.Y)));
            line.Add((to.X, to.Y + (NodeHeight / 2)));
            if (line[^1].X <= line[0].X)
            {
                continue;
            }

            foreach (var node in flow.Nodes.Where(node => node.Id != edge.From && node.Id != edge.To))
            {
                Assert.That(Crosses(line, node.Position!), Is.False, $"edge {edge.From} -> {edge.To} crosses {node.Id}");
            }
        }

        Assert.That(bent, Is.GreaterThan(0), "the template has edges that skip layers past other nodes");
    }

    private const double NodeWidth = 150;
    private const double NodeHeight = 68;

    private static bool Crosses(List<(double X, double Y)> line, NodePosition box)
    {
        // Samples each straight piece of the line every pixel against the node's box.
        for (var i = 1; i < line.Count; i++)
        {
            var (x0, y0) = line[i - 1];
            var (x1, y1) = line[i];
            var steps = (int)Math.Max(1, Math.Ceiling(Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0))));
            for (var step = 0; step <= steps; step++)
            {
                var x = x0 + ((x1 - x0) * step / steps);
                var y = y0 + ((y1 - y0) * step / steps);
                if (x > box.X && x < box.X + NodeWidth && y > box.Y && y < box.Y + NodeHeight)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void Place(FlowDefinition flow, params (string Id, double X, double Y)[] places)
    {
        foreach (var (id, x, y) in places)
        {
            flow.Nodes.Single(node => node.Id == id).Position = new NodePosition { X = x, Y = y };
        }
    }

    private static EdgeDefinition Edge(FlowDefinition flow, string from, string to) =>
        flow.Edges.Single(edge => edge.From == from && edge.To == to);

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
