using WorkflowKit.Samples.Model;

namespace WorkflowKit.Samples.Generation;

/// <summary>Everything the generator drew for one seed and date, before it is written to files.</summary>
internal sealed record SampleWorld(
    int Seed,
    DateOnly Today,
    DateOnly HistoryStart,
    IReadOnlyList<SampleRegion> Regions,
    IReadOnlyList<SampleDepartment> Departments,
    IReadOnlyList<SampleUser> Users,
    IReadOnlyList<SampleProduct> Products,
    IReadOnlyList<SampleRegionalPrice> Prices,
    IReadOnlyList<SampleCustomer> Customers,
    IReadOnlyList<SampleOrder> Orders,
    IReadOnlyList<SampleReceivable> Receivables,
    IReadOnlyList<SampleOverdueRecord> OverdueLedger,
    IReadOnlyList<SampleBatch> Batches,
    IReadOnlyList<SamplePurchasePlan> PurchasePlans);
