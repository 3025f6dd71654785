using System.Text.Json.Serialization;

namespace WorkflowKit.Definitions.Packages;

/// <summary>
/// The manifest (<c>package.json</c>) of a template package: a folder holding forms, flows and
/// views as files, with roles, data permission rules and optional sample data listed here.
/// </summary>
public sealed class PackageManifest
{
    public const string KindName = "package";

    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public int FormatVersion { get; set; } = FormatVersions.Current;

    public string Kind { get; set; } = KindName;

    public string Key { get; set; } = string.Empty;

    public LocalizedText Name { get; set; } = new();

    public LocalizedText? Description { get; set; }

    /// <summary>Version of the package content, such as "1.0.0".</summary>
    public string Version { get; set; } = "1.0.0";

    /// <summary>Paths of form files, relative to the manifest.</summary>
    public List<string> Forms { get; set; } = [];

    public List<string> Flows { get; set; } = [];

    public List<string>? Views { get; set; }

    public List<RoleDefinition>? Roles { get; set; }

    public List<PermissionRule>? Permissions { get; set; }

    public List<SampleDataFile>? SampleData { get; set; }
}
