using System.Text.Json.Nodes;
using WorkflowKit.Replenishment.Planning;
using WorkflowKit.Replenishment.Records;

namespace WorkflowKit.Replenishment.Tests.Records;

public sealed class PlanningDataMapperTests
{
    [Test]
    public void Map_ReadsCustomerShelfLife()
    {
        var customers = new List<JsonObject>
        {
            new() { ["code"] = "C1", ["minShelfLifeDays"] = 120 },
            new() { ["code"] = "C2", ["minShelfLifeDays"] = "90" },
            new() { ["code"] = "C3" },
            new() { ["code"] = "C4", ["minShelfLifeDays"] = "" },
            new() { ["code"] = "C5", ["minShelfLifeDays"] = 0 },
        };
        var records = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.Ordinal)
        {
            [PlanningDataMapper.CustomerForm] = customers,
        };

        var data = PlanningDataMapper.Map(records, new ReplenishmentSettings());

        var days = data.Customers.ToDictionary(customer => customer.Code, customer => customer.MinShelfLifeDays);
        Assert.That(days["C1"], Is.EqualTo(120));
        Assert.That(days["C2"], Is.EqualTo(90));
        Assert.That(days["C3"], Is.Null);
        Assert.That(days["C4"], Is.Null);
        Assert.That(days["C5"], Is.Zero);
    }

    [Test]
    public void Map_ReadsQuantityDecimals()
    {
        var products = new List<JsonObject>
        {
            new() { ["code"] = "P1" },
            new() { ["code"] = "P2", ["quantityDecimals"] = 2 },
            new() { ["code"] = "P3", ["quantityDecimals"] = "1" },
            new() { ["code"] = "P4", ["quantityDecimals"] = 9 },
            new() { ["code"] = "P5", ["quantityDecimals"] = -1 },
        };
        var records = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.Ordinal)
        {
            [PlanningDataMapper.ProductForm] = products,
        };

        var data = PlanningDataMapper.Map(records, new ReplenishmentSettings());

        var decimals = data.Products.ToDictionary(product => product.Code, product => product.QuantityDecimals);
        Assert.That(decimals["P1"], Is.Zero, "whole units when empty");
        Assert.That(decimals["P2"], Is.EqualTo(2));
        Assert.That(decimals["P3"], Is.EqualTo(1));
        Assert.That(decimals["P4"], Is.EqualTo(ProductInfo.MaxQuantityDecimals));
        Assert.That(decimals["P5"], Is.Zero);
    }
}
