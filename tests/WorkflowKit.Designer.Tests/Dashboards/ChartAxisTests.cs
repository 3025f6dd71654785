using Bunit;
using WorkflowKit.Designer.Dashboards;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Dashboards;

[TestFixture]
public sealed class ChartAxisTests : ComponentTestBase
{
    [TestCase(new[] { 1.0, 3.0, 5.0 }, 1, 5)]
    [TestCase(new[] { 1.0 }, 1, 1)]
    [TestCase(new[] { 7.0, 9.0 }, 2, 10)]
    [TestCase(new[] { 4.0, 30.0, 50.0 }, 10, 50)]
    [TestCase(new[] { 1200.0, 300.0 }, 200, 1200)]
    [TestCase(new[] { 1250.5 }, 500, 1500)]
    [TestCase(new[] { 0.4 }, 1, 1)]
    [TestCase(new double[0], 1, 1)]
    [TestCase(new[] { 0.0, 0.0 }, 1, 1)]
    public void Fit_picks_round_step_and_max(double[] values, int step, int max)
    {
        var axis = ChartAxis.Fit(values.Select(value => (decimal)value));

        Assert.That(axis.Step, Is.EqualTo(step));
        Assert.That(axis.Max, Is.EqualTo(max));
        Assert.That(axis.TickCount, Is.LessThanOrEqualTo(ChartAxis.MaxSteps + 1));
    }

    [Test]
    public void Chart_of_small_counts_labels_axis_to_five()
    {
        var chart = new DashboardChartData(
            [new ChartPoint("a", "A", 1m, 1), new ChartPoint("b", "B", 5m, 2), new ChartPoint("c", "C", 3m, 1)], null);

        var cut = Context.Render<DashboardChart>(parameters => parameters
            .Add(component => component.Title, "Counts")
            .Add(component => component.TestId, "chart-counts")
            .Add(component => component.Chart, chart)
            .Add(component => component.SeriesName, "Count")
            .Add(component => component.LabelHeading, "Group")
            .Add(component => component.CountHeading, "Records"));

        var labels = YAxisLabels(cut);
        Assert.That(labels, Is.EqualTo(new[] { "0", "1", "2", "3", "4", "5" }), cut.Markup);
    }

    [Test]
    public void Chart_of_large_values_keeps_few_ticks()
    {
        var chart = new DashboardChartData(
            [new ChartPoint("east", "East", 1200m, 1), new ChartPoint("north", "North", 300m, 1)], null);

        var cut = Context.Render<DashboardChart>(parameters => parameters
            .Add(component => component.Title, "Receivables")
            .Add(component => component.TestId, "chart-receivables")
            .Add(component => component.Chart, chart)
            .Add(component => component.SeriesName, "Outstanding")
            .Add(component => component.LabelHeading, "Region")
            .Add(component => component.CountHeading, "Customers"));

        var labels = YAxisLabels(cut);
        Assert.That(labels, Has.Count.LessThanOrEqualTo(ChartAxis.MaxSteps + 1), cut.Markup);
        Assert.That(labels[^1], Is.EqualTo("1,200"));
    }

    [Test]
    public void Table_under_chart_names_its_columns()
    {
        var chart = new DashboardChartData([new ChartPoint("east", "East", 1200m, 3)], null);

        var cut = Context.Render<DashboardChart>(parameters => parameters
            .Add(component => component.Title, "Receivables")
            .Add(component => component.TestId, "chart-receivables")
            .Add(component => component.Chart, chart)
            .Add(component => component.SeriesName, "Outstanding")
            .Add(component => component.LabelHeading, "Region")
            .Add(component => component.CountHeading, "Customers"));

        var headings = cut.FindAll("[data-testid=chart-table-head] th").Select(cell => cell.TextContent.Trim());
        Assert.That(headings, Is.EqualTo(new[] { "Region", "Outstanding", "Customers" }));
    }

    // MudBlazor 9 draws the value axis labels as <text> elements of the "mud-charts-yaxis" group.
    private static List<string> YAxisLabels(IRenderedComponent<DashboardChart> cut) =>
        [.. cut.FindAll("g.mud-charts-yaxis text").Select(text => text.TextContent.Trim())];
}
