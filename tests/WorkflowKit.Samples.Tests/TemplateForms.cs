using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Samples.Tests;

/// <summary>The forms and manifest of the biopharma template package, read from the repository.</summary>
internal static class TemplateForms
{
    public static PackageManifest Manifest() =>
        DefinitionJson.Deserialize<PackageManifest>(
            File.ReadAllText(Path.Combine(TestPaths.TemplatePackage, "package.json")));

    public static Dictionary<string, FormDefinition> All() =>
        Manifest().Forms
            .Select(file => DefinitionJson.Deserialize<FormDefinition>(
                File.ReadAllText(Path.Combine(TestPaths.TemplatePackage, file))))
            .ToDictionary(form => form.Key, StringComparer.Ordinal);
}
