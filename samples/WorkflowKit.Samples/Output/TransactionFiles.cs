using System.Text.Json;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Samples.Generation;

namespace WorkflowKit.Samples.Output;

/// <summary>Writes the order history, with lines as JSON sub-table rows, and the long-form sales history.</summary>
internal static class TransactionFiles
{
    private const string NewLine = "\n";

    public static void WriteOrders(SampleWorld world, string folder)
    {
        var customers = world.Customers.ToDictionary(customer => customer.Code, StringComparer.Ordinal);
        CsvTable.Write(
            Path.Combine(folder, SampleFiles.Orders),
            ["orderNo", "customer", "customerName", "region", "orderDate", "status", "shipmentStatus", "shippedDate",
                "paymentTermDays", "total", "lines"],
            world.Orders.Select(order =>
            {
                var customer = customers[order.Customer];
                var lines = order.Lines.Select(line => new OrderLineCell(line.Product, line.Quantity, line.UnitPrice));
                return (IReadOnlyList<string>)
                [
                    order.OrderNo, order.Customer, customer.Name, customer.Region, Cells.Date(order.OrderDate),
                    order.Status, order.ShippedDate is null ? string.Empty : "shipped", Cells.Date(order.ShippedDate),
                    Cells.Number(customer.PaymentTermDays), Cells.Money(order.Total),
                    JsonSerializer.Serialize(lines, DefinitionJson.Compact),
                ];
            }),
            byteOrderMark: true,
            NewLine);
    }

    /// <summary>Writes every line of the orders that were not cancelled, in date, customer and product order.</summary>
    public static void WriteSalesHistory(SampleWorld world, string folder) => CsvTable.Write(
        Path.Combine(folder, SampleFiles.SalesHistory),
        ["date", "customer", "product", "quantity"],
        world.Orders
            .Where(order => order.Status != "cancelled")
            .SelectMany(order => order.Lines.Select(line =>
                (order.OrderDate, order.Customer, line.Product, line.Quantity)))
            .OrderBy(row => row.OrderDate)
            .ThenBy(row => row.Customer, StringComparer.Ordinal)
            .ThenBy(row => row.Product, StringComparer.Ordinal)
            .Select(row => (IReadOnlyList<string>)
                [Cells.Date(row.OrderDate), row.Customer, row.Product, Cells.Number(row.Quantity)]),
        byteOrderMark: false,
        NewLine);
}
