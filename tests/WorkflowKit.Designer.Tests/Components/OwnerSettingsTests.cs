using Bunit;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Flows;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Components;

/// <summary>
/// The flow settings' process owner: the select writes <c>settings.owner</c> as an undoable change, clearing it
/// removes the setting, and an owner missing from the directory still shows by id.
/// </summary>
[TestFixture]
public sealed class OwnerSettingsTests : ComponentTestBase
{
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "order", "name": "Order",
          "nodes": [{ "id": "start", "type": "start" }, { "id": "end", "type": "end" }],
          "edges": [{ "id": "e1", "from": "start", "to": "end" }]
        }
        """;

    private static readonly DesignerUser[] Users =
    [
        new("u1", "alice", "Alice Wang", "d-sales", ["sales"], new Dictionary<string, string>(), "en", false),
        new("u2", "bob", "Bob Li", "d-wh", ["warehouse"], new Dictionary<string, string>(), "en", false),
        new("u3", "carol", "Carol Xu", "d-wh", ["warehouse"], new Dictionary<string, string>(), "en", true),
    ];

    [Test]
    public async Task Select_sets_and_clears_owner()
    {
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(Flow));
        var cut = Render(editor);
        var select = cut.FindComponent<MudBlazor.MudSelect<string>>();

        await cut.InvokeAsync(() => select.Instance.OpenMenu());
        var choices = Popovers.FindAll(".mud-list-item").Select(item => item.TextContent.Trim()).ToList();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("u2"));
        cut.Render(parameters => parameters.Add(p => p.Flow, editor.Flow));

        Assert.That(choices, Is.EqualTo(new[] { "Alice Wang (alice)", "Bob Li (bob)" }));
        Assert.That(editor.Flow.Settings!.Owner, Is.EqualTo("u2"));
        Assert.That(editor.ToJson(), Does.Contain("\"owner\": \"u2\""));
        Assert.That(cut.Find(".mud-select input").GetAttribute("value"), Is.EqualTo("Bob Li (bob)"));
        Assert.That(editor.CanUndo, Is.True);

        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(null));

        Assert.That(editor.Flow.Settings.Owner, Is.Null);
        Assert.That(editor.ToJson(), Does.Not.Contain("\"owner\""));
    }

    [Test]
    public void Unknown_owner_shows_id()
    {
        var json = Flow.Replace("\"name\": \"Order\",", "\"name\": \"Order\", \"settings\": { \"owner\": \"gone\" },",
            StringComparison.Ordinal);
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(json));

        var cut = Render(editor);

        Assert.That(cut.Find(".mud-select input").GetAttribute("value"), Is.EqualTo("gone"));
    }

    private IRenderedComponent<OwnerSettings> Render(FlowEditor editor) =>
        Context.Render<OwnerSettings>(parameters => parameters
            .Add(p => p.Flow, editor.Flow)
            .Add(p => p.Users, Users)
            .Add(p => p.Apply, change => editor.Apply(change)));
}
