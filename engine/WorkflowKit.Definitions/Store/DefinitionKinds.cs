using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Definitions.Store;

/// <summary>Kinds of definitions the store versions.</summary>
public static class DefinitionKinds
{
    public const string Form = FormDefinition.KindName;
    public const string Flow = FlowDefinition.KindName;
    public const string View = ViewDefinition.KindName;

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Form, Flow, View };

    /// <summary>Throws <see cref="ArgumentException"/> unless the kind is form, flow or view.</summary>
    public static void Check(string kind)
    {
        if (!All.Contains(kind))
        {
            throw new ArgumentException(
                $"Expected a definition kind of \"form\", \"flow\" or \"view\", got \"{kind}\".", nameof(kind));
        }
    }
}
