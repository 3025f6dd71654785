using System.Text.Json;

namespace WorkflowKit.Designer.Forms.Regions;

/// <summary>
/// The mainland China administrative divisions that an address field offers: provinces, their prefecture-level
/// cities and their county-level districts, in the order of their division codes. The list is the embedded
/// <c>china-regions.json</c>, whose source and preparation the designer README describes.
/// </summary>
public static class ChinaRegions
{
    private static readonly Lazy<Dictionary<string, Dictionary<string, string[]>>> Tree = new(Load);

    public static IEnumerable<string> Provinces => Tree.Value.Keys;

    /// <summary>The cities of a province; empty for a province that is not in the list.</summary>
    public static IEnumerable<string> CitiesOf(string? province) =>
        province is not null && Tree.Value.TryGetValue(province, out var cities) ? cities.Keys : [];

    /// <summary>The districts of a city; empty for a province or city that is not in the list.</summary>
    public static IReadOnlyList<string> DistrictsOf(string? province, string? city) =>
        province is not null && city is not null && Tree.Value.TryGetValue(province, out var cities) &&
        cities.TryGetValue(city, out var districts)
            ? districts
            : [];

    private static Dictionary<string, Dictionary<string, string[]>> Load()
    {
        const string name = "WorkflowKit.Designer.china-regions.json";
        using var stream = typeof(ChinaRegions).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The designer assembly has no embedded resource \"{name}\".");
        return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string[]>>>(stream)
            ?? throw new InvalidDataException($"The embedded resource \"{name}\" contains JSON null.");
    }
}
