using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Definitions.Validation;

/// <summary>A definition file read into the model: its source, kind, key and model object.</summary>
public sealed class DefinitionDocument
{
    internal DefinitionDocument(JsonSource source, string kind, object model)
    {
        Source = source;
        Kind = kind;
        Model = model;
        Key = model switch
        {
            FormDefinition form => form.Key,
            FlowDefinition flow => flow.Key,
            ViewDefinition view => view.Key,
            PackageManifest package => package.Key,
            _ => throw new ArgumentException($"Unexpected model type {model.GetType().Name}.", nameof(model)),
        };
    }

    public JsonSource Source { get; }

    public string File => Source.File;

    /// <summary>form, flow, view or package.</summary>
    public string Kind { get; }

    public string Key { get; }

    /// <summary>
    /// A <see cref="FormDefinition"/>, <see cref="FlowDefinition"/>, <see cref="ViewDefinition"/> or <see
    /// cref="PackageManifest"/>.
    /// </summary>
    public object Model { get; }
}
