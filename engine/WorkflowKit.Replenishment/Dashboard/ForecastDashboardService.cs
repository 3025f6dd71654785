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
/// risk are computed from the whole company's demand and batches, read from <paramref name="store"/>; otherwise a
/// region would see the company's stock covering its own demand alone. Each form is read once: a user whose order
/// permission admits every row and hides no field reads the company's data through the reader, and a region user's
/// reads are their products and orders through the reader, then the company's batches and orders from the store.
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

        var orders = await reader.ResolveAsync(
            userId, PlanningDataMapper.OrderForm, PermissionActions.Read, cancellationToken).ConfigureAwait(false);
        var products = await ReadAllAsync(userId, PlanningDataMapper.ProductForm, cancellationToken)
            .ConfigureAwait(false);
        var records = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.Ordinal)
        {
            [PlanningDataMapper.ProductForm] = products,
            [PlanningDataMapper.OrderForm] = await ReadAllAsync(userId, PlanningDataMapper.OrderForm, cancellationToken)
                .ConfigureAwait(false),
        };
        Dictionary<string, IReadOnlyList<JsonObject>>? company = null;
        if (AdmitsEveryRecord(orders))
        {
            records[PlanningDataMapper.BatchForm] = await ReadAllAsync(
                userId, PlanningDataMapper.BatchForm, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // The planner takes products from the user's own read; the company's view adds only batches and orders.
            company = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.Ordinal)
            {
                [PlanningDataMapper.ProductForm] = products,
                [PlanningDataMapper.BatchForm] = await StoreRecordSource.ReadAllAsync(
                    store, PlanningDataMapper.BatchForm, null, cancellationToken).ConfigureAwait(false),
                [PlanningDataMapper.OrderForm] = await StoreRecordSource.ReadAllAsync(
                    store, PlanningDataMapper.OrderForm, null, cancellationToken).ConfigureAwait(false),
            };
            records[PlanningDataMapper.BatchForm] = company[PlanningDataMapper.BatchForm];
        }

        var data = PlanningDataMapper.Map(records, new ReplenishmentSettings());
        var companyData = company is null ? null : PlanningDataMapper.Map(company, new ReplenishmentSettings());
        return await Task.Run(
            () => ForecastDashboardCalculator.Compute(data, today, options, cancellationToken, companyData),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns whether the scope reads every record whole, so that the user's view is the company's.</summary>
    private static bool AdmitsEveryRecord(RecordAccessScope scope) =>
        scope.Rows is RecordFilterConstant { Value: true } && scope.Grants.All(grant => grant.HiddenFields.Count == 0);

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
