using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// The start form and the instance page in bunit on the designer's real services. A member field lists the
/// organisation's people by name, leaves out disabled accounts, and submits the chosen person's user id. The instance
/// page shows the stored person by name.
/// </summary>
[TestFixture]
public sealed class StartFormMemberTests : EnginePageTests
{
    protected override string? Culture => "zh-CN";

    protected override bool RendersPopovers => true;

    protected override async Task PublishAsync(IDefinitionService definitions)
    {
        var form = OrderDefinitions.Form();
        form.Fields.Add(new FieldDefinition
        {
            Id = "accountManager", Type = FieldTypes.Member, Label = new LocalizedText("客户经理", "Account manager"),
            Required = true,
        });
        form.Fields.Single(field => field.Id == "customer").Default = "协和医院";
        form.Fields.Single(field => field.Id == "region").Default = "east";
        form.Fields.Single(field => field.Id == "total").Default = 900m;
        await definitions.SaveDraftAsync(
            DefinitionKind.Form, OrderDefinitions.FormKey, DefinitionJson.Serialize(form), null, "owner", default);
        await definitions.PublishAsync(DefinitionKind.Form, OrderDefinitions.FormKey, "owner", null, default);
        await definitions.SaveDraftAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey,
            DefinitionJson.Serialize(OrderDefinitions.Flow()), null, "owner", default);
        var published = await definitions.PublishAsync(
            DefinitionKind.Flow, OrderDefinitions.FlowKey, "owner", null, default);
        Assert.That(published.Published, Is.True, string.Join("; ", published.Diagnostics.Select(d => d.Message)));
    }

    [Test]
    public async Task Member_field_lists_people_by_name()
    {
        var accounts = Scope.ServiceProvider.GetRequiredService<AccountStore>();
        var warehouse = (await accounts.FindAsync("warehouse1", default))!;
        await accounts.UpdateAsync(warehouse with { Disabled = true }, default);
        var page = await OpenStartFormAsync();
        var select = MemberSelect(page);

        await page.InvokeAsync(() => select.Instance.OpenMenu());
        var choices = Popovers!.FindAll(".mud-list-item").Select(item => item.TextContent.Trim()).ToList();

        Assert.That(choices, Does.Contain("王芳 Wang Fang"));
        Assert.That(choices, Does.Contain("张伟 Zhang Wei"));
        Assert.That(choices, Does.Not.Contain("赵磊 Zhao Lei"), "a disabled account is not offered");
        Assert.That(choices, Has.None.Contains("manager"), "people are listed by name, not by user id");
    }

    [Test]
    public async Task Chosen_person_is_submitted_by_id()
    {
        var page = await OpenStartFormAsync();
        var select = MemberSelect(page);

        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("manager"));
        page.WaitForAssertion(() => Assert.That(
            page.Find("[data-field=accountManager] input").GetAttribute("value"), Is.EqualTo("王芳 Wang Fang")));
        await page.Find("form").SubmitAsync();

        var work = Scope.ServiceProvider.GetRequiredService<IWorkService>();
        var sales = await SignInAsync("sales1");
        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForState(() => navigation.Uri.Contains("/instances/", StringComparison.Ordinal));
        var instanceId = navigation.Uri.Split("/instances/")[1];
        var detail = await work.GetInstanceAsync(instanceId, sales, default);
        Assert.That(detail!.Data["accountManager"]!.GetValue<string>(), Is.EqualTo("manager"));
    }

    [Test]
    public async Task Instance_page_shows_person_by_name()
    {
        var sales = await SignInAsync("sales1");
        var data = new System.Text.Json.Nodes.JsonObject
        {
            ["customer"] = "协和医院", ["region"] = "east", ["total"] = 900m, ["accountManager"] = "manager",
        };
        var instance = await Scope.ServiceProvider.GetRequiredService<IWorkService>()
            .StartAsync(OrderDefinitions.FlowKey, data, sales, default);
        var account = (await Scope.ServiceProvider.GetRequiredService<AccountStore>().FindAsync("sales1", default))!;
        var signedIn = Task.FromResult(new AuthenticationState(UserContext.ToPrincipal(account, "test")));
        Context.ComponentFactories.AddStub<ProgressDiagram>();

        var page = Context.Render<CascadingValue<Task<AuthenticationState>>>(parameters => parameters
            .Add(cascade => cascade.Value, signedIn)
            .AddChildContent<InstanceDetailPage>(child => child.Add(detail => detail.Id, instance.Id)));

        page.WaitForAssertion(() => Assert.That(
            page.Find("[data-field=accountManager] input").GetAttribute("value"), Is.EqualTo("王芳 Wang Fang")));
    }

    private async Task<IRenderedComponent<CascadingValue<Task<AuthenticationState>>>> OpenStartFormAsync()
    {
        var account = (await Scope.ServiceProvider.GetRequiredService<AccountStore>().FindAsync("sales1", default))!;
        var signedIn = Task.FromResult(new AuthenticationState(UserContext.ToPrincipal(account, "test")));
        var page = Context.Render<CascadingValue<Task<AuthenticationState>>>(parameters => parameters
            .Add(cascade => cascade.Value, signedIn)
            .AddChildContent<StartFlow>(child => child.Add(start => start.FlowKey, OrderDefinitions.FlowKey)));
        page.WaitForElement("[data-field=accountManager]");
        return page;
    }

    private static IRenderedComponent<MudSelect<string>> MemberSelect(
        IRenderedComponent<CascadingValue<Task<AuthenticationState>>> page) =>
        page.FindComponents<MudSelect<string>>().Single(select => select.Instance.Label == "客户经理 *");

    private async Task<UserContext> SignInAsync(string userId)
    {
        var account = (await Scope.ServiceProvider.GetRequiredService<AccountStore>().FindAsync(userId, default))!;
        return UserContext.FromPrincipal(UserContext.ToPrincipal(account, "test"))!;
    }
}
