namespace WorkflowKit.Forecasting;

/// <summary>
/// Identity of one forecast series: a customer and product pair, or a product alone when
/// <see cref="Customer"/> is null. Names are compared ordinally after trimming.
/// </summary>
public sealed record SeriesKey(string? Customer, string Product) : IComparable<SeriesKey>
{
    /// <summary>Creates a key from raw input, trimming names and mapping an empty customer to null.</summary>
    public static SeriesKey From(string? customer, string product)
    {
        ArgumentNullException.ThrowIfNull(product);
        var trimmedCustomer = string.IsNullOrWhiteSpace(customer) ? null : customer.Trim();
        return new SeriesKey(trimmedCustomer, product.Trim());
    }

    /// <summary>Orders by customer (series without a customer first), then by product.</summary>
    public int CompareTo(SeriesKey? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byCustomer = string.CompareOrdinal(Customer, other.Customer);
        return byCustomer != 0 ? byCustomer : string.CompareOrdinal(Product, other.Product);
    }

    /// <summary>Returns "customer / product", or the product alone.</summary>
    public override string ToString() => Customer is null ? Product : $"{Customer} / {Product}";
}
