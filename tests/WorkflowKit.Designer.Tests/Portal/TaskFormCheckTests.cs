using System.Text.Json.Nodes;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// The task page's form in bunit on the designer's real services: it finds the problems of the loaded data once per
/// load, not on every change, and its heading names the fields that this step lets the user change.
/// </summary>
[TestFixture]
public sealed class TaskFormCheckTests : EnginePageTests
{
    private const string EditableTotalFlow = "order-editable-total";

    private CountingValidation _validation = default!;

    protected override string? Culture => "zh-CN";

    protected override async Task PublishAsync(IDefinitionService definitions)
    {
        await OrderDefinitions.PublishAsync(definitions, "owner");
        await PublishFlowVariantAsync(definitions, EditableTotalFlow, flow =>
        {
            var manager = flow.Nodes.Single(node => node.Id == OrderDefinitions.ManagerNode);
            manager.FieldPermissions!["total"] = new FieldPermission { Access = FieldPermission.Editable };
        });
    }

    protected override void AddServices(IServiceCollection services)
    {
        _validation = new CountingValidation(Scope.ServiceProvider.GetRequiredService<IFormValidationService>());
        services.AddSingleton<IFormValidationService>(_validation);
    }

    [Test]
    public async Task Baseline_checked_once_per_load()
    {
        var page = await OpenTaskAsync(EditableTotalFlow);
        page.Find("[data-field=total] input").Change("-5");

        // Approving checks the form and shows its problems. From then on each change checks it again.
        await page.Find("[data-testid=action-approve]").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.That(page.Find("[data-testid=form-errors]").TextContent, Does.Contain("-5")));
        foreach (var total in new[] { "-6", "-7" })
        {
            page.Find("[data-field=total] input").Change(total);
            page.WaitForAssertion(() => Assert.That(
                page.Find("[data-testid=form-errors]").TextContent, Does.Contain(total)));
        }

        Assert.That(_validation.Baselines, Is.EqualTo(1));
        Assert.That(_validation.Validations, Is.GreaterThanOrEqualTo(3));
    }

    [Test]
    public async Task Heading_names_editable_fields()
    {
        var page = await OpenTaskAsync(OrderDefinitions.FlowKey);

        Assert.That(page.Find("[data-testid=task-form-heading]").TextContent, Is.EqualTo("本步骤的表单"));
        Assert.That(page.Find("[data-testid=task-form-editable]").TextContent.Trim(),
            Is.EqualTo("可修改：备注。其他字段在本步骤只读。"));
    }

    private async Task<IRenderedComponent<CascadingValue<Task<AuthenticationState>>>> OpenTaskAsync(string flowKey)
    {
        var work = Get<IWorkService>();
        var sales = await UserAsync("sales1");
        var manager = await UserAsync("manager");
        var order = new JsonObject { ["customer"] = "协和医院", ["region"] = "east", ["total"] = 900m };
        var instance = await work.StartAsync(flowKey, order, sales, default);
        var task = (await work.GetInboxAsync(manager, default)).Single(t => t.InstanceId == instance.Id);

        var account = (await Get<AccountStore>().FindAsync(manager.Id, default))!;
        var signedIn = Task.FromResult(new AuthenticationState(UserContext.ToPrincipal(account, "test")));
        var page = Context.Render<CascadingValue<Task<AuthenticationState>>>(parameters => parameters
            .Add(cascade => cascade.Value, signedIn)
            .AddChildContent<TaskPage>(child => child.Add(taskPage => taskPage.Id, task.Id)));
        page.WaitForElement("[data-testid=task-form]");
        return page;
    }

    private async Task<UserContext> UserAsync(string id)
    {
        var account = await Get<AccountStore>().FindAsync(id, default);
        return UserContext.FromPrincipal(UserContext.ToPrincipal(account!, "test"))!;
    }

    /// <summary>The designer's validation service, counting how often the page runs the rules.</summary>
    private sealed class CountingValidation(IFormValidationService inner) : IFormValidationService
    {
        public int Validations { get; private set; }

        public int Baselines { get; private set; }

        public Task<IReadOnlyList<FieldError>> ValidateAsync(
            FormDefinition form, JsonObject data, string culture, FormCheckOptions options,
            CancellationToken cancellationToken)
        {
            Validations++;
            return inner.ValidateAsync(form, data, culture, options, cancellationToken);
        }

        public Task<FormCheckOptions> WithBaselineAsync(
            FormDefinition form, JsonObject baseline, FormCheckOptions options, CancellationToken cancellationToken)
        {
            Baselines++;
            return inner.WithBaselineAsync(form, baseline, options, cancellationToken);
        }
    }
}
