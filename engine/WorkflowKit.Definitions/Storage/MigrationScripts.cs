using System.Globalization;
using System.Reflection;

namespace WorkflowKit.Storage;

/// <summary>Reads the migration scripts embedded in a storage assembly.</summary>
public static class MigrationScripts
{
    /// <summary>
    /// Lists the resources named <c>Migrations/NNNN_area_description.sql</c> in number order.
    /// Number ranges per area: 1000 definitions, 2000 runtime, 3000 forms and records,
    /// 4000 organisation and permissions, 5000 designer.
    /// </summary>
    public static IReadOnlyList<MigrationScript> Load(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("Migrations/", StringComparison.Ordinal) &&
                           name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(assembly, name))
            .OrderBy(script => script.Version)
            .ToList();

        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Migrations {string.Join(" and ", duplicate.Select(s => s.Name))} share the number {duplicate.Key}; " +
                "give each script its own number within its area's range.");
        }

        return scripts;
    }

    private static MigrationScript Read(Assembly assembly, string resourceName)
    {
        var fileName = resourceName["Migrations/".Length..^".sql".Length];
        var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || !int.TryParse(fileName[..underscore], NumberStyles.None, CultureInfo.InvariantCulture,
                out var version))
        {
            throw new InvalidOperationException(
                $"Migration '{resourceName}' must be named NNNN_area_description.sql with a numeric prefix.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return new MigrationScript(version, fileName, reader.ReadToEnd());
    }
}
