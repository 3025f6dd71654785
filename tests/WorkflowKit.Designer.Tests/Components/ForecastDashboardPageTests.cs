using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Forecasting;
using WorkflowKit.Replenishment.Dashboard;

namespace WorkflowKit.Designer.Tests.Components;

/// <summary>
/// Renders the forecast page with bunit and a dashboard source that returns given figures. Services are added
/// per test before anything renders, so this fixture sets up its own context.
/// </summary>
[TestFixture]
public sealed class ForecastDashboardPageTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private BunitContext Context { get; set; } = default!;

    [SetUp]
    public void CreateContext()
    {
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
    }

    [TearDown]
    public async Task DisposeContextAsync() => await Context.DisposeAsync();

    [Test]
    public void Page_RendersCoverAndRisks()
    {
        var source = Arrange("en");

        var cut = Context.Render<ForecastDashboardPage>();

        cut.WaitForElement("[data-testid=forecast-products]");
        Assert.Multiple(() =>
        {
            Assert.That(source.RequestedFor, Is.EqualTo("sales-east-1"));
            Assert.That(cut.Find("[data-testid=forecast-as-of]").TextContent, Does.Contain("2026-12-01"));
            Assert.That(Cell(cut, "[data-product=IVD-0001]", "cover"), Is.EqualTo("32.7"));
            Assert.That(Cell(cut, "[data-product=IVD-0001]", "stock"), Is.EqualTo("600"));
            Assert.That(Cell(cut, "[data-product=IVD-0001]", "actual"), Is.EqualTo("1,250"));
            Assert.That(Cell(cut, "[data-product=IVD-0001]", "forecast"), Is.EqualTo("1,311"), "kits are whole units");
            Assert.That(Cell(cut, "[data-product=IVD-0002]", "cover"), Is.EqualTo("≥ 365"));
            Assert.That(Cell(cut, "[data-product=IVD-0001]", "method"), Is.EqualTo("Model"));
            Assert.That(Cell(cut, "[data-product=IVD-0002]", "method"), Is.EqualTo("Same month last year"));
            Assert.That(Cell(cut, "[data-batch=X1]", "at-risk"), Is.EqualTo("284"));
            Assert.That(Cell(cut, "[data-batch=X1]", "consumed"), Is.EqualTo("116"));
            Assert.That(cut.FindAll("[data-testid=forecast-chart]"), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Page_InChineseTranslatesHeaders()
    {
        Arrange("zh-CN");

        var cut = Context.Render<ForecastDashboardPage>();

        cut.WaitForElement("[data-testid=forecast-products]");
        Assert.That(cut.Find("[data-testid=forecast-products] thead").TextContent, Does.Contain("库存可用天数"));
        Assert.That(Cell(cut, "[data-product=IVD-0002]", "method"), Is.EqualTo("去年同月"));
    }

    [Test]
    public void Models_named_in_page_language()
    {
        Arrange("zh-CN");

        var cut = Context.Render<ForecastDashboardPage>();

        cut.WaitForElement("[data-testid=forecast-products]");
        var mixed = cut.Find("[data-product=IVD-0003] [data-column=model]");
        Assert.That(Cell(cut, "[data-product=IVD-0001]", "model"), Is.EqualTo("指数平滑"));
        Assert.That(Cell(cut, "[data-product=IVD-0002]", "model"), Is.EqualTo("去年同月"));
        Assert.That(mixed.TextContent.Trim(), Is.EqualTo("各月不同"));
        Assert.That(mixed.GetAttribute("title"), Is.EqualTo(
            "第 1 个月：Theta 法（已剔除异常值）; 第 2 个月：3 个月移动平均; 第 3 个月：Theta 法（已剔除异常值）"));
    }

    [Test]
    public void Low_accuracy_is_marked()
    {
        Arrange("en");

        var cut = Context.Render<ForecastDashboardPage>();

        cut.WaitForElement("[data-testid=forecast-products]");
        Assert.That(cut.FindAll("[data-product=IVD-0003] [data-testid=low-accuracy]"), Has.Count.EqualTo(1));
        Assert.That(cut.FindAll("[data-product=IVD-0001] [data-testid=low-accuracy]"), Is.Empty);
        Assert.That(Cell(cut, "[data-product=IVD-0003]", "accuracy"), Does.StartWith("1.3 %"));
        Assert.That(cut.Find("[data-testid=low-accuracy-note]").TextContent, Does.Contain(
            "Backtest accuracy is below 50 %, so its forecast is only a rough guide."));
    }

    [Test]
    public void Decimals_follow_product_setting()
    {
        Arrange("en");

        var cut = Context.Render<ForecastDashboardPage>();

        cut.WaitForElement("[data-testid=forecast-products]");
        Assert.That(Cell(cut, "[data-product=IVD-0002]", "forecast"), Is.EqualTo("1,310.5"));
        Assert.That(Cell(cut, "[data-product=IVD-0002]", "stock"), Is.EqualTo("10,000.25"));
        Assert.That(Cell(cut, "[data-product=IVD-0003]", "forecast"), Is.EqualTo("1,311"));
        Assert.That(Cell(cut, "[data-product=IVD-0001]", "cover"), Is.EqualTo("32.7"), "days keep one decimal");
    }

    private FakeSource Arrange(string culture)
    {
        Context.Services.AddScoped(_ => new UiText { Culture = culture });
        var months = Enumerable.Range(-12, 15)
            .Select(offset => offset < 0
                ? new MonthDemand(Today.AddMonths(offset), 1250m, null)
                : new MonthDemand(Today.AddMonths(offset), null, 1310.5m))
            .ToList();
        var dashboard = new ForecastDashboard(
            Today,
            [
                new ProductDemandRow("IVD-0001", "Kit", "ses", 0.91, months, 600m, 32.7m, false),
                new ProductDemandRow("IVD-0002", null, "seasonal-naive", 0.8, months, 10000.25m, 365m, true)
                {
                    Method = ForecastMethod.SeasonalNaive,
                    QuantityDecimals = 2,
                },
                new ProductDemandRow(
                    "IVD-0003", null, "per step: theta-cleaned-2.5, moving-average-3, theta-cleaned-2.5", 0.013, months,
                    40m, 3m, false),
            ],
            [
                new BatchExpiryRisk("IVD-0001", "X1", "sh", new DateOnly(2027, 2, 10), new DateOnly(2026, 12, 12), 400m,
                    116.13m, 283.87m),
            ]);
        var source = new FakeSource(dashboard);
        Context.Services.AddSingleton<IForecastDashboardSource>(source);
        var authorization = Context.AddAuthorization();
        authorization.SetAuthorized("Sales east 1");
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "sales-east-1"));
        Context.Render<MudPopoverProvider>();
        return source;
    }

    private static string Cell(IRenderedComponent<ForecastDashboardPage> cut, string row, string column) =>
        cut.Find($"{row} [data-column={column}]").TextContent.Trim();

    private sealed class FakeSource(ForecastDashboard dashboard) : IForecastDashboardSource
    {
        public string? RequestedFor { get; private set; }

        public Task<ForecastDashboard> GetAsync(string userId, CancellationToken cancellationToken)
        {
            RequestedFor = userId;
            return Task.FromResult(dashboard);
        }
    }
}
