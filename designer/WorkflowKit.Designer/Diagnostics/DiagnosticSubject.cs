using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Designer.Diagnostics;

/// <summary>
/// The document that diagnostics point into, read into the model, so that pointers such as <c>/nodes/3</c> can be
/// shown by the names the designer displays. <see cref="Form"/> is the form itself, or the form of <see cref="Flow"/> for
/// its field labels. Either may be null when the document could not be read.
/// </summary>
public sealed record DiagnosticSubject(FlowDefinition? Flow, FormDefinition? Form)
{
    public static DiagnosticSubject None { get; } = new(null, null);
}
