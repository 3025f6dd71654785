using System.Text.Json.Nodes;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Replenishment.Planning;
using WorkflowKit.Replenishment.Records;

namespace WorkflowKit.Replenishment.Dashboard;

/// <summary>
/// Builds the forecast dashboard for one user from the records that user may read: every read goes through
/// <see cref="RecordReader"/>, the forms layer's permission filter, so a salesperson's figures cover the orders of
/// their own region only.
/// </summary>
public sealed class ForecastDashboardService(RecordReader reader, TimeProvider time)
{
    private const int PageSize = 500;

    /// <summary>
    /// Reads products, stock batches and orders as <paramref name="userId"/> and computes the figures. The day is
    /// today in <paramref name="timeZone"/>, such as the tenant's Asia/Shanghai.
    /// </summary>
    public async Task<ForecastDashboard> BuildAsync(
        string userId, TimeZoneInfo timeZone, ForecastDashboardOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(options);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), timeZone).DateTime);

        var records = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.Ordinal);
        foreach (var form in new[] { PlanningDataMapper.ProductForm, PlanningDataMapper.BatchForm, PlanningDataMapper.OrderForm })
        {
            records[form] = await ReadAllAsync(userId, form, cancellationToken).ConfigureAwait(false);
        }

        var data = PlanningDataMapper.Map(records, new ReplenishmentSettings());
        return await Task.Run(
            () => ForecastDashboardCalculator.Compute(data, today, options, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<JsonObject>> ReadAllAsync(
        string userId, string formKey, CancellationToken cancellationToken)
    {
        var all = new List<JsonObject>();
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await reader.ListAsync(
                userId, new RecordQuery(formKey) { Offset = offset, Limit = PageSize, CountTotal = false },
                cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Items.Select(item => item.Data));
            if (page.Items.Count < PageSize)
            {
                return all;
            }
        }
    }
}
