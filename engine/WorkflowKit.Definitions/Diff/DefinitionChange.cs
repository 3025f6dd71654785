namespace WorkflowKit.Definitions.Diff;

/// <summary>
/// One structural difference. <see cref="Element"/> is "node", "edge", "field" or "property";
/// <see cref="Id"/> is the node, edge or field id ("lines.quantity" for a sub-table column) or
/// the property name. <see cref="Pointer"/> points into the newer version, or into the older
/// one for removals. <see cref="ChangedProperties"/> lists what changed inside a changed element.
/// </summary>
public sealed record DefinitionChange(
    DefinitionChangeType Type, string Element, string Id, string Pointer, IReadOnlyList<string> ChangedProperties)
{
    public override string ToString()
    {
        var detail = ChangedProperties.Count == 0 ? string.Empty : $" ({string.Join(", ", ChangedProperties)})";
        return $"{Type.ToString().ToLowerInvariant()} {Element} {Id} at {Pointer}{detail}";
    }
}
