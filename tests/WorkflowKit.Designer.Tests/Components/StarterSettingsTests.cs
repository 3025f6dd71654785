using Bunit;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Flows;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Components;

/// <summary>
/// The flow settings' starters editor: "Anyone" leaves <c>starters</c> absent, the listed mode writes a list (empty
/// means nobody, and the page says so), and rows pick users, roles and departments by name.
/// </summary>
[TestFixture]
public sealed class StarterSettingsTests : ComponentTestBase
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
    ];

    private static readonly Department[] Departments =
    [
        new("d-sales", "Sales East", null, null),
        new("d-wh", "Warehouse", null, null),
    ];

    [Test]
    public void Absent_starters_means_anyone()
    {
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(Flow));

        var cut = Render(editor);

        Assert.That(cut.FindAll("[data-testid=starter-editor]"), Is.Empty);
        Assert.That(cut.Find("[data-testid=starters-summary]").TextContent, Does.StartWith("Anyone signed in may start"));
    }

    [Test]
    public async Task Listed_mode_with_no_rows_means_nobody()
    {
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(Flow));
        var cut = Render(editor);
        var mode = cut.FindComponents<MudBlazor.MudRadioGroup<bool>>().Single();

        await cut.InvokeAsync(() => mode.Instance.ValueChanged.InvokeAsync(true));
        cut.Render(parameters => parameters.Add(p => p.Flow, editor.Flow));

        Assert.That(editor.Flow.Starters, Is.Empty);
        Assert.That(editor.ToJson(), Does.Contain("\"starters\": []"));
        Assert.That(cut.Find("[data-testid=starters-summary]").TextContent, Does.StartWith("Nobody may start the flow by hand"));

        await cut.InvokeAsync(() => mode.Instance.ValueChanged.InvokeAsync(false));

        Assert.That(editor.Flow.Starters, Is.Null);
    }

    [Test]
    public async Task Rows_pick_user_role_and_department()
    {
        var editor = new FlowEditor(DefinitionJson.Deserialize<FlowDefinition>(Flow.Replace(
            "\"nodes\"", "\"starters\": [], \"nodes\"", StringComparison.Ordinal)));
        var cut = Render(editor);
        var offered = new Dictionary<string, List<string>>();

        foreach (var (type, value) in new[] { ("user", "u2"), ("role", "sales"), ("department", "d-wh") })
        {
            cut.Find("button[data-testid=starter-add]").Click();
            cut.Render(parameters => parameters.Add(p => p.Flow, editor.Flow));
            var selects = cut.FindComponents<MudBlazor.MudSelect<string>>();
            await cut.InvokeAsync(() => selects[^2].Instance.ValueChanged.InvokeAsync(type));
            cut.Render(parameters => parameters.Add(p => p.Flow, editor.Flow));
            selects = cut.FindComponents<MudBlazor.MudSelect<string>>();
            var before = Popovers.FindAll(".mud-list-item").Count;
            await cut.InvokeAsync(() => selects[^1].Instance.OpenMenu());
            offered[type] = [.. Popovers.FindAll(".mud-list-item").Skip(before).Select(item => item.TextContent.Trim())];
            await cut.InvokeAsync(() => selects[^1].Instance.ValueChanged.InvokeAsync(value));
        }

        Assert.That(offered["user"], Is.EqualTo(new[] { "Alice Wang", "Bob Li" }));
        Assert.That(offered["role"], Is.EqualTo(new[] { "sales", "warehouse" }));
        Assert.That(offered["department"], Is.EqualTo(new[] { "Sales East", "Warehouse" }));
        Assert.That(editor.Flow.Starters!.Select(rule => $"{rule.Type} {rule.Value}"),
            Is.EqualTo(new[] { "user u2", "role sales", "department d-wh" }));
        Assert.That(StarterRules.Admits(editor.Flow.Starters, "u9", ["warehouse"], "d-wh"), Is.True);
        Assert.That(StarterRules.Admits(editor.Flow.Starters, "u9", ["finance"], "d-other"), Is.False);

        cut.FindAll("button[data-testid=starter-remove]")[0].Click();

        Assert.That(editor.Flow.Starters!.Select(rule => rule.Type), Is.EqualTo(new[] { "role", "department" }));
    }

    private IRenderedComponent<StarterSettings> Render(FlowEditor editor) =>
        Context.Render<StarterSettings>(parameters => parameters
            .Add(p => p.Flow, editor.Flow)
            .Add(p => p.Users, Users)
            .Add(p => p.Roles, ["sales", "warehouse"])
            .Add(p => p.RoleLabels, new Dictionary<string, LocalizedText>())
            .Add(p => p.Departments, Departments)
            .Add(p => p.Apply, change => editor.Apply(change)));
}
