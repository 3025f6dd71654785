using System.Globalization;
using WorkflowKit.Samples.Model;

namespace WorkflowKit.Samples.Generation;

/// <summary>Builds a dozen open purchase plans for next month in several states.</summary>
internal static class PurchasePlanFactory
{
    private static readonly string[] Statuses = ["draft", "submitted", "approved", "ordered"];
    private static readonly string[] Reasons = ["按月度需求补货", "流感季备货", "替换近效期批次", "新客户开户备货"];

    public static List<SamplePurchasePlan> Create(
        SeededRandom random, IReadOnlyList<SampleProduct> products, IReadOnlyList<SampleUser> users, DateOnly today)
    {
        var nextMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        var period = nextMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var buyer = users.First(user => user.Roles.Contains("purchasing")).Id;
        return [.. random.Sample(products, 12)
            .OrderBy(product => product.Code, StringComparer.Ordinal)
            .Select(product => new SamplePurchasePlan(
                product.Code,
                period,
                Math.Max(10, (int)Math.Round(product.BaseMonthlyUnits * random.Between(10m, 25m) / 10m) * 10),
                random.Pick(Statuses),
                nextMonth.AddDays(random.Between(0, 20)),
                buyer,
                random.Pick(Reasons)))];
    }
}
