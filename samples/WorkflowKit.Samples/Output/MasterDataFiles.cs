using WorkflowKit.Samples.Generation;

namespace WorkflowKit.Samples.Output;

/// <summary>Writes the master data files, whose headers are the field ids of the template's forms.</summary>
internal static class MasterDataFiles
{
    private const string NewLine = "\n";

    public static void WriteCustomers(SampleWorld world, string folder) => CsvTable.Write(
        Path.Combine(folder, SampleFiles.Customers),
        ["code", "name", "customerType", "hospitalGrade", "region", "city", "contactPerson", "salesOwner",
            "creditLimit", "approvedLimit", "creditStatus", "paymentTermDays", "minShelfLifeDays", "lastReviewedOn"],
        world.Customers.Select(customer => (IReadOnlyList<string>)
        [
            customer.Code, customer.Name, customer.CustomerType, customer.HospitalGrade ?? string.Empty,
            customer.Region, customer.City, customer.ContactPerson, customer.SalesOwner,
            Cells.Money(customer.CreditLimit), Cells.Money(customer.CreditLimit), customer.CreditStatus,
            Cells.Number(customer.PaymentTermDays), Cells.Number(customer.MinShelfLifeDays),
            Cells.Date(customer.LastReviewedOn),
        ]),
        byteOrderMark: true,
        NewLine);

    public static void WriteProducts(SampleWorld world, string folder) => CsvTable.Write(
        Path.Combine(folder, SampleFiles.Products),
        ["code", "name", "specification", "category", "storageCondition", "unit", "unitPrice", "unitCost",
            "leadTimeDays", "shelfLifeMonths", "manufacturer", "active"],
        world.Products.Select(product => (IReadOnlyList<string>)
        [
            product.Code, product.Name, product.Specification, product.Category, product.StorageCondition,
            product.Unit, Cells.Money(product.ListPrice), Cells.Money(product.UnitCost),
            Cells.Number(product.LeadTimeDays), Cells.Number(product.ShelfLifeMonths), product.Manufacturer,
            Cells.Boolean(true),
        ]),
        byteOrderMark: true,
        NewLine);

    public static void WriteRegionalPrices(SampleWorld world, string folder)
    {
        var names = ProductNames(world);
        CsvTable.Write(
            Path.Combine(folder, SampleFiles.RegionalPrices),
            ["product", "productName", "region", "unitPrice", "validFrom"],
            world.Prices.Select(price => (IReadOnlyList<string>)
            [
                price.Product, names[price.Product], price.Region, Cells.Money(price.UnitPrice),
                Cells.Date(price.ValidFrom),
            ]),
            byteOrderMark: true,
            NewLine);
    }

    public static void WriteStockBatches(SampleWorld world, string folder)
    {
        var names = ProductNames(world);
        CsvTable.Write(
            Path.Combine(folder, SampleFiles.StockBatches),
            ["batchNo", "product", "productName", "warehouse", "quantity", "reservedQuantity", "manufactureDate",
                "expiryDate", "status", "expiryAlert"],
            world.Batches.Select(batch => (IReadOnlyList<string>)
            [
                batch.BatchNo, batch.Product, names[batch.Product], batch.Warehouse, Cells.Number(batch.Quantity),
                Cells.Number(batch.ReservedQuantity), Cells.Date(batch.ManufactureDate), Cells.Date(batch.ExpiryDate),
                batch.Status, batch.ExpiryAlert,
            ]),
            byteOrderMark: true,
            NewLine);
    }

    public static void WritePurchasePlans(SampleWorld world, string folder)
    {
        var names = ProductNames(world);
        CsvTable.Write(
            Path.Combine(folder, SampleFiles.PurchasePlans),
            ["product", "productName", "period", "quantity", "status", "expectedArrival", "buyer", "reason"],
            world.PurchasePlans.Select(plan => (IReadOnlyList<string>)
            [
                plan.Product, names[plan.Product], plan.Period, Cells.Number(plan.Quantity), plan.Status,
                Cells.Date(plan.ExpectedArrival), plan.Buyer, plan.Reason,
            ]),
            byteOrderMark: true,
            NewLine);
    }

    private static Dictionary<string, string> ProductNames(SampleWorld world) =>
        world.Products.ToDictionary(product => product.Code, product => product.Name, StringComparer.Ordinal);
}
