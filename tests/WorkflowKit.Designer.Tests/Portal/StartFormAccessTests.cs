using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Forms;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// The start form in bunit on the designer's real services shows the start node's field permissions: a hidden field
/// is not rendered, a read-only field cannot be edited, and the form still starts the flow.
/// </summary>
[TestFixture]
public sealed class StartFormAccessTests : EnginePageTests
{
    protected override string? Culture => "zh-CN";

    protected override bool RendersPopovers => true;

    protected override async Task PublishAsync(IDefinitionService definitions)
    {
        var form = OrderDefinitions.Form();
        form.Fields.Single(field => field.Id == "customer").Default = "协和医院";
        form.Fields.Single(field => field.Id == "region").Default = "east";
        form.Fields.Single(field => field.Id == "total").Default = 900m;
        await definitions.SaveDraftAsync(
            DefinitionKind.Form, OrderDefinitions.FormKey, DefinitionJson.Serialize(form), null, "owner", default);
        await definitions.PublishAsync(DefinitionKind.Form, OrderDefinitions.FormKey, "owner", null, default);
        var flow = OrderDefinitions.Flow();
        flow.Nodes.Single(node => node.Type == NodeTypes.Start).FieldPermissions = new()
        {
            ["customer"] = new FieldPermission { Access = FieldPermission.Editable },
            ["total"] = new FieldPermission { Access = FieldPermission.Editable },
            ["region"] = new FieldPermission { Access = FieldPermission.ReadOnly },
            ["note"] = new FieldPermission { Access = FieldPermission.Hidden },
        };
        await definitions.SaveDraftAsync(
            DefinitionKind.Flow, OrderDefinitions.FlowKey, DefinitionJson.Serialize(flow), null, "owner", default);
        var published = await definitions.PublishAsync(
            DefinitionKind.Flow, OrderDefinitions.FlowKey, "owner", null, default);
        Assert.That(published.Published, Is.True, string.Join("; ", published.Diagnostics.Select(d => d.Message)));
    }

    [Test]
    public async Task Hidden_field_is_not_shown()
    {
        var page = await OpenStartFormAsync();

        Assert.That(page.FindAll("[data-field=note]"), Is.Empty);
        Assert.That(page.FindAll("[data-field=customer]"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Read_only_field_is_not_editable()
    {
        var page = await OpenStartFormAsync();

        var inputs = page.FindComponents<FieldInput>().ToDictionary(input => input.Instance.Field.Id);

        Assert.That(inputs["region"].Instance.ReadOnly, Is.True, "region");
        Assert.That(inputs["customer"].Instance.ReadOnly, Is.False, "customer");
    }

    [Test]
    public async Task Form_with_permissions_starts_flow()
    {
        var page = await OpenStartFormAsync();

        await page.Find("form").SubmitAsync();

        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForState(() => navigation.Uri.Contains("/instances/", StringComparison.Ordinal));
        var instanceId = navigation.Uri.Split("/instances/")[1];
        var sales = await SignInAsync("sales1");
        var detail = await Scope.ServiceProvider.GetRequiredService<IWorkService>()
            .GetInstanceAsync(instanceId, sales, default);
        Assert.That(detail!.Data["region"]!.GetValue<string>(), Is.EqualTo("east"));
        Assert.That(detail.Data.ContainsKey("note"), Is.False, "note");
    }

    private async Task<IRenderedComponent<CascadingValue<Task<AuthenticationState>>>> OpenStartFormAsync()
    {
        var account = (await Scope.ServiceProvider.GetRequiredService<AccountStore>().FindAsync("sales1", default))!;
        var signedIn = Task.FromResult(new AuthenticationState(UserContext.ToPrincipal(account, "test")));
        var page = Context.Render<CascadingValue<Task<AuthenticationState>>>(parameters => parameters
            .Add(cascade => cascade.Value, signedIn)
            .AddChildContent<StartFlow>(child => child.Add(start => start.FlowKey, OrderDefinitions.FlowKey)));
        page.WaitForElement("[data-field=customer]");
        return page;
    }

    private async Task<UserContext> SignInAsync(string userId)
    {
        var account = (await Scope.ServiceProvider.GetRequiredService<AccountStore>().FindAsync(userId, default))!;
        return UserContext.FromPrincipal(UserContext.ToPrincipal(account, "test"))!;
    }
}
