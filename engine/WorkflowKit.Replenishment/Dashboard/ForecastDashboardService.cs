using System.Text.Json.Nodes;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Replenishment.Planning;
using WorkflowKit.Replenishment.Records;

namespace WorkflowKit.Replenishment.Dashboard;

/// <summary>
/// Builds the forecast dashboard for one user. Actual and forecast demand come from the records that user may read:
/// those reads go through <see cref="RecordReader"/>, the forms layer's permission filter, so a salesperson's demand
/// figures cover the orders of their own region only. Stock is shared by every region, so stock cover and batches at
/// risk are computed from the whole company's demand, read from <paramref name="store"/>; otherwise a region would see
/// the company's stock covering its own demand alone.
/// </summary>
public sealed class ForecastDashboardService(RecordReader reader, IRecordStore store, TimeProvider time)
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

        var company = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.Ordinal);
        foreach (var form in new[] { PlanningDataMapper.ProductForm, PlanningDataMapper.BatchForm, PlanningDataMapper.OrderForm })
        {
            company[form] = await StoreRecordSource.ReadAllAsync(store, form, null, cancellationToken)
                .ConfigureAwait(false);
        }

        var data = PlanningDataMapper.Map(records, new ReplenishmentSettings());
        var companyData = company[PlanningDataMapper.OrderForm].Count == records[PlanningDataMapper.OrderForm].Count
            ? null
            : PlanningDataMapper.Map(company, new ReplenishmentSettings());
        return await Task.Run(
            () => ForecastDashboardCalculator.Compute(data, today, options, cancellationToken, companyData),
            cancellationToken).ConfigureAwait(false);
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
