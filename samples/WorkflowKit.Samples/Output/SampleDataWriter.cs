using System.Text.Json;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Samples.Generation;

namespace WorkflowKit.Samples.Output;

/// <summary>Writes a <see cref="SampleWorld"/> to a folder: every file of <see cref="SampleFiles.All"/>.</summary>
internal static class SampleDataWriter
{
    private const string PackageKey = "biopharma";

    public static void Write(SampleWorld world, string folder)
    {
        Directory.CreateDirectory(folder);
        MasterDataFiles.WriteCustomers(world, folder);
        MasterDataFiles.WriteProducts(world, folder);
        MasterDataFiles.WriteRegionalPrices(world, folder);
        MasterDataFiles.WriteStockBatches(world, folder);
        TransactionFiles.WriteOrders(world, folder);
        MasterDataFiles.WritePurchasePlans(world, folder);
        FinanceFiles.WriteErpReceivables(world, folder);
        FinanceFiles.WriteOverdueLedger(world, folder);
        TransactionFiles.WriteSalesHistory(world, folder);
        WriteJson(Path.Combine(folder, SampleFiles.Users), new UsersFile(world.Departments, world.Users));
        CopyMapping(folder, SampleFiles.ReceivablesMapping);
        CopyMapping(folder, SampleFiles.OverdueMapping);
        WriteJson(Path.Combine(folder, SampleFiles.Index), Index(world));
    }

    private static SampleDataIndex Index(SampleWorld world) => new(
        PackageKey,
        world.Seed,
        world.Today,
        [
            new("customer", SampleFiles.Customers),
            new("product", SampleFiles.Products),
            new("regional-price", SampleFiles.RegionalPrices),
            new("stock-batch", SampleFiles.StockBatches),
            new("purchase-plan", SampleFiles.PurchasePlans),
            new("receivable", SampleFiles.ErpReceivables, SampleFiles.ReceivablesMapping),
            new("overdue-record", SampleFiles.OverdueLedger, SampleFiles.OverdueMapping),
            new("order", SampleFiles.Orders),
        ],
        SampleFiles.SalesHistory,
        SampleFiles.Users);

    /// <summary>Writes indented JSON with LF line ends on every platform, so its bytes do not depend on it.</summary>
    private static void WriteJson<T>(string path, T value)
    {
        var json = JsonSerializer.Serialize(value, DefinitionJson.Options).ReplaceLineEndings("\n");
        File.WriteAllText(path, json + "\n");
    }

    /// <summary>Copies an import mapping of the biopharma template, embedded in this assembly at build time.</summary>
    private static void CopyMapping(string folder, string name)
    {
        using var resource = typeof(SampleDataWriter).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(
                $"The embedded import mapping '{name}' is missing from WorkflowKit.Samples; the project embeds " +
                "definitions/templates/biopharma/mappings/*.json, so rebuild it.");
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        resource.CopyTo(file);
    }
}
