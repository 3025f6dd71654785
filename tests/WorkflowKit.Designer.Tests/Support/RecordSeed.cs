using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Records;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>Writes records of the built-in biopharma forms straight into the app's record store.</summary>
internal static class RecordSeed
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The date <paramref name="days"/> from today in Asia/Shanghai, the engine's default zone, as yyyy-MM-dd.</summary>
    public static string Day(int days) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), Shanghai).DateTime)
            .AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A customer of the biopharma template in <paramref name="region"/>, in normal credit standing.</summary>
    public static JsonObject Customer(string code, string region) => new()
    {
        ["code"] = code,
        ["name"] = $"Customer {code}",
        ["customerType"] = "clinic",
        ["region"] = region,
        ["salesOwner"] = "sales1",
        ["creditLimit"] = 1_000_000m,
        ["approvedLimit"] = 1_000_000m,
        ["creditStatus"] = "normal",
        ["paymentTermDays"] = 90,
        ["minShelfLifeDays"] = 90,
    };

    /// <summary>A price of the regional price list of the biopharma template, valid from 2026-01-01.</summary>
    public static JsonObject RegionalPrice(string product, string region, decimal price) => new()
    {
        ["product"] = product, ["region"] = region, ["unitPrice"] = price, ["validFrom"] = "2026-01-01",
    };

    public static async Task<RecordEntry> CreateAsync(DesignerAppFactory app, string formKey, JsonObject data)
    {
        var store = app.Services.GetRequiredService<IRecordStore>();
        return await store.CreateAsync(formKey, data, new RecordWriteContext("admin"), CancellationToken.None);
    }
}
