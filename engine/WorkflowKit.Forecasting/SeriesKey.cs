using System.Globalization;
using System.Text;

namespace WorkflowKit.Forecasting;

/// <summary>
/// Identity of one forecast series: a customer and product pair, or a product alone when
/// <see cref="Customer"/> is null. Names are compared ordinally after <see cref="NormalizeName"/>.
/// </summary>
public sealed record SeriesKey(string? Customer, string Product) : IComparable<SeriesKey>
{
    /// <summary>
    /// Creates a key from raw input, normalizing both names with <see cref="NormalizeName"/> and mapping a customer
    /// that is empty after that to null.
    /// </summary>
    public static SeriesKey From(string? customer, string product)
    {
        ArgumentNullException.ThrowIfNull(product);
        var normalizedCustomer = customer is null ? null : NormalizeName(customer);
        return new SeriesKey(
            string.IsNullOrEmpty(normalizedCustomer) ? null : normalizedCustomer, NormalizeName(product));
    }

    /// <summary>
    /// Returns <paramref name="name"/> without invisible format characters (Unicode category Cf, such as the
    /// zero-width space U+200B, the zero-width joiner U+200D, the byte order mark U+FEFF, the soft hyphen U+00AD
    /// and the bidirectional controls U+202A to U+202E), in Unicode normalization form C and trimmed of white
    /// space. Two names that print the same, such as "试剂盒" and "试剂盒" followed by a zero-width space, or an
    /// "é" typed as one character and as "e" with a combining accent, therefore name the same series.
    /// </summary>
    public static string NormalizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var visible = new StringBuilder(name.Length);
        foreach (var character in name)
        {
            if (char.GetUnicodeCategory(character) != UnicodeCategory.Format)
            {
                visible.Append(character);
            }
        }

        return visible.ToString().Normalize(NormalizationForm.FormC).Trim();
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
