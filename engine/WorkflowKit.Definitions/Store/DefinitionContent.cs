using System.Security.Cryptography;
using System.Text;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Store;

/// <summary>
/// The stored form of a definition: the model serialized with <see cref="DefinitionJson.Options"/>,
/// so that equal definitions have equal text and hash whatever the spacing of the source file.
/// </summary>
public static class DefinitionContent
{
    public static string Canonical(DefinitionDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Model switch
        {
            FormDefinition form => DefinitionJson.Serialize(form),
            FlowDefinition flow => DefinitionJson.Serialize(flow),
            ViewDefinition view => DefinitionJson.Serialize(view),
            PackageManifest manifest => DefinitionJson.Serialize(manifest),
            _ => throw new ArgumentException($"Unexpected model {document.Model.GetType().Name}.", nameof(document)),
        };
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 text.</summary>
    public static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    /// <summary>The display name of a definition for lists: the English name, else any.</summary>
    public static string DisplayName(DefinitionDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var name = document.Model switch
        {
            FormDefinition form => form.Name,
            FlowDefinition flow => flow.Name,
            ViewDefinition view => view.Name,
            PackageManifest manifest => manifest.Name,
            _ => new LocalizedText(),
        };
        return name.Get("en");
    }
}
