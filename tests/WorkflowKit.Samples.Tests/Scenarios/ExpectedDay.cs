using System.Globalization;
using System.Text.Json.Nodes;
using MiniExcelLibs;

namespace WorkflowKit.Samples.Tests.Scenarios;

/// <summary>
/// The daily scenario's numbers computed straight from the sample files with the business rules written out
/// in C#: credit profile and status, the monthly sweep's flags, the order credit check, FEFO allocation with
/// the customer's minimum shelf life, and the expiry windows. It calls nothing of the engine or the flows.
/// </summary>
internal sealed class ExpectedDay
{
    public int Reviews { get; private set; }
    public int OverdueWarnings { get; private set; }
    public int Shipped { get; private set; }
    public int Blocked { get; private set; }
    public int Waiting { get; private set; }
    public int CancelledForShortage { get; private set; }
    public int AllocationLines { get; private set; }
    public int StockWarnings { get; private set; }
    public int Flagged90 { get; private set; }
    public int Flagged60 { get; private set; }
    public int Flagged30 { get; private set; }
    public int Unshippable { get; private set; }
    public int Quarantined { get; private set; }

    private sealed record Receivable(string Customer, string Invoice, DateOnly Due, decimal Open);

    private sealed record LedgerLine(string Customer, string Invoice, DateOnly Due, decimal Amount);

    private sealed class Batch
    {
        public required string No { get; init; }
        public required string Product { get; init; }
        public required DateOnly Expiry { get; init; }
        public required int Quantity { get; set; }
        public required int Reserved { get; init; }
        public required string Status { get; set; }
        public required string Alert { get; set; }
    }

    public static ExpectedDay Compute(string dataFolder, int orderCount)
    {
        var today = DateOnly.ParseExact(
            JsonNode.Parse(File.ReadAllText(Path.Combine(dataFolder, SampleFiles.Index)))!["today"]!.GetValue<string>(),
            "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var customers = CsvFile.Read(Path.Combine(dataFolder, SampleFiles.Customers)).Rows
            .ToDictionary(row => row["code"], row => row.ToDictionary(), StringComparer.Ordinal);
        var receivables = CsvFile.Read(Path.Combine(dataFolder, SampleFiles.ErpReceivables)).Rows
            .Select(row => new Receivable(
                row["客户编码"], row["单据编号"], Values.ErpDate(row["到期日"]),
                Values.Money(row["原币金额"]) - Values.Money(row["已核销金额"])))
            .ToList();
        var ledger = MiniExcel.Query(Path.Combine(dataFolder, SampleFiles.OverdueLedger), useHeaderRow: true)
            .Cast<IDictionary<string, object?>>()
            .Select(row => new LedgerLine(
                (string)row["客户编码"]!, (string)row["发票号码"]!, DateOnly.FromDateTime((DateTime)row["到期日期"]!),
                Convert.ToDecimal(row["逾期金额"], CultureInfo.InvariantCulture)))
            .ToList();
        var batches = CsvFile.Read(Path.Combine(dataFolder, SampleFiles.StockBatches)).Rows
            .Select(row => new Batch
            {
                No = row["batchNo"], Product = row["product"], Expiry = Values.Date(row["expiryDate"]),
                Quantity = int.Parse(row["quantity"], CultureInfo.InvariantCulture),
                Reserved = int.Parse(row["reservedQuantity"], CultureInfo.InvariantCulture),
                Status = row["status"], Alert = row["expiryAlert"],
            })
            .ToList();

        var day = new ExpectedDay();
        day.Sweep(today, customers, receivables, ledger);
        day.TakeOrders(today, customers, receivables, ledger, batches, dataFolder, orderCount);
        day.Watch(today.AddDays(1), customers, batches);
        return day;
    }

    private void Sweep(
        DateOnly today, Dictionary<string, Dictionary<string, string>> customers, List<Receivable> receivables,
        List<LedgerLine> ledger)
    {
        foreach (var customer in customers.Values)
        {
            var profile = Profile(today, customer, receivables, ledger);
            var lastReviewed = customer["lastReviewedOn"];
            var stale = lastReviewed.Length == 0 || today.DayNumber - Values.Date(lastReviewed).DayNumber > 365;
            if (profile.MaxDays > 30 || profile.Utilisation > 80 || stale)
            {
                Reviews++;
                OverdueWarnings += profile.OverdueCount > 0 ? 1 : 0;
                customer["creditStatus"] = profile.Status;
            }
        }
    }

    private void TakeOrders(
        DateOnly today, Dictionary<string, Dictionary<string, string>> customers, List<Receivable> receivables,
        List<LedgerLine> ledger, List<Batch> batches, string dataFolder, int orderCount)
    {
        var orders = CsvFile.Read(Path.Combine(dataFolder, SampleFiles.Orders)).Rows.TakeLast(orderCount);
        foreach (var order in orders)
        {
            var customer = customers[order["customer"]];
            var lines = JsonNode.Parse(order["lines"])!.AsArray()
                .Select(line => (Product: line!["product"]!.GetValue<string>(), Quantity: line["quantity"]!.GetValue<int>(),
                    Price: line["unitPrice"]!.GetValue<decimal>()))
                .ToList();
            var total = lines.Sum(line => line.Quantity * line.Price);
            var profile = Profile(today, customer, receivables, ledger);
            var limit = Values.Money(customer["creditLimit"]);
            var status = customer["creditStatus"];
            if (status == "blocked" || profile.MaxDays > 180)
            {
                Blocked++;
                continue;
            }

            var needsApproval = profile.OverdueCount > 0 || profile.Exposure + total > limit
                || status is "restricted" or "pending";
            if (needsApproval && status is not ("normal" or "watch"))
            {
                Waiting++;
                continue;
            }

            var allocation = Allocate(today, batches, lines, int.Parse(customer["minShelfLifeDays"], CultureInfo.InvariantCulture),
                out var shortage, out var lowCover);
            StockWarnings += lowCover ? 1 : 0;
            if (shortage)
            {
                CancelledForShortage++;
                continue;
            }

            foreach (var (batch, quantity) in allocation)
            {
                batch.Quantity -= quantity;
            }

            AllocationLines += allocation.Count;
            Shipped++;
            receivables.Add(new Receivable(
                order["customer"], "AR-new-" + Shipped.ToString(CultureInfo.InvariantCulture),
                today.AddDays(int.Parse(customer["paymentTermDays"], CultureInfo.InvariantCulture)), total));
        }
    }

    /// <summary>FEFO per line over available, unexpired batches with enough shelf life and free quantity.</summary>
    private static List<(Batch Batch, int Quantity)> Allocate(
        DateOnly today, List<Batch> batches, List<(string Product, int Quantity, decimal Price)> lines, int minDays,
        out bool shortage, out bool lowCover)
    {
        var taken = new Dictionary<Batch, int>();
        var allocation = new List<(Batch, int)>();
        shortage = false;
        lowCover = false;
        foreach (var line in lines)
        {
            var eligible = batches
                .Where(batch => batch.Product == line.Product && batch.Status == "available")
                .Where(batch => batch.Expiry.DayNumber - today.DayNumber > 0 && batch.Expiry.DayNumber - today.DayNumber >= minDays)
                .Where(batch => batch.Quantity - batch.Reserved > 0)
                .OrderBy(batch => batch.Expiry)
                .ThenBy(batch => batch.No, StringComparer.Ordinal)
                .ToList();
            var available = eligible.Sum(batch => batch.Quantity - batch.Reserved - taken.GetValueOrDefault(batch));
            var missing = line.Quantity;
            foreach (var batch in eligible)
            {
                var free = batch.Quantity - batch.Reserved - taken.GetValueOrDefault(batch);
                if (missing <= 0 || free <= 0)
                {
                    continue;
                }

                var quantity = Math.Min(free, missing);
                taken[batch] = taken.GetValueOrDefault(batch) + quantity;
                missing -= quantity;
                allocation.Add((batch, quantity));
            }

            shortage |= missing > 0;
            lowCover |= available < line.Quantity * 1.5m;
        }

        return allocation;
    }

    private void Watch(DateOnly today, Dictionary<string, Dictionary<string, string>> customers, List<Batch> batches)
    {
        var minimums = customers.Values
            .Where(customer => customer["creditStatus"] != "blocked")
            .Select(customer => int.Parse(customer["minShelfLifeDays"], CultureInfo.InvariantCulture))
            .ToList();
        foreach (var batch in batches.Where(batch => batch.Status == "available"))
        {
            var daysLeft = batch.Expiry.DayNumber - today.DayNumber;
            if (daysLeft < 0)
            {
                (batch.Status, batch.Alert) = ("quarantined", "expired");
            }
            else if (minimums.Count > 0 && (daysLeft == 0 || daysLeft < minimums.Min()))
            {
                batch.Alert = "unshippable";
            }
            else if (daysLeft <= 30)
            {
                batch.Alert = "d30";
            }
            else if (daysLeft <= 60)
            {
                batch.Alert = "d60";
            }
            else if (daysLeft <= 90)
            {
                batch.Alert = "d90";
            }
        }

        Flagged90 = batches.Count(batch => batch.Alert == "d90");
        Flagged60 = batches.Count(batch => batch.Alert == "d60");
        Flagged30 = batches.Count(batch => batch.Alert == "d30");
        Unshippable = batches.Count(batch => batch.Alert == "unshippable");
        Quarantined = batches.Count(batch => batch.Status == "quarantined");
    }

    private sealed record CreditProfile(decimal Exposure, int OverdueCount, int MaxDays, decimal Utilisation, string Status);

    /// <summary>Open ERP balances plus ledger lines the ERP does not list; overdue once the due date passed.</summary>
    private static CreditProfile Profile(
        DateOnly today, Dictionary<string, string> customer, List<Receivable> receivables, List<LedgerLine> ledger)
    {
        var code = customer["code"];
        var own = receivables.Where(receivable => receivable.Customer == code).ToList();
        var invoices = own.Select(receivable => receivable.Invoice).ToHashSet(StringComparer.Ordinal);
        var exposure = 0m;
        var overdueDays = new List<int>();
        foreach (var receivable in own.Where(receivable => receivable.Open > 0))
        {
            exposure += receivable.Open;
            if (today.DayNumber - receivable.Due.DayNumber > 0)
            {
                overdueDays.Add(today.DayNumber - receivable.Due.DayNumber);
            }
        }

        foreach (var line in ledger.Where(line => line.Customer == code && !invoices.Contains(line.Invoice) && line.Amount > 0))
        {
            exposure += line.Amount;
            overdueDays.Add(today.DayNumber - line.Due.DayNumber);
        }

        var limit = Values.Money(customer["creditLimit"]);
        var utilisation = limit > 0 ? Math.Round(exposure * 100 / limit, 2, MidpointRounding.AwayFromZero) : exposure > 0 ? 999.99m : 0;
        var maxDays = overdueDays.DefaultIfEmpty(0).Max();
        var status = maxDays > 180 ? "blocked"
            : maxDays > 90 || utilisation > 100 ? "restricted"
            : overdueDays.Count > 0 || utilisation > 80 ? "watch" : "normal";
        return new CreditProfile(exposure, overdueDays.Count, maxDays, utilisation, status);
    }
}
