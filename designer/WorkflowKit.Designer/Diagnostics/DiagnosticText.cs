using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Flows;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Diagnostics;

/// <summary>
/// Words a validator diagnostic for the designer, in the page's language. It names nodes, branches, fields and rules
/// by their display names and gives advice in terms of the designer's own controls, where the validator's English
/// message, written for JSON files and the CLI, names ids and JSON properties. Cases with a specific wording here quote
/// the diagnostic's arguments; every other case gets its code's general wording from <see cref="DiagnosticWordings"/>,
/// and <see cref="Detail"/> then returns the validator's message for the page to show under it.
/// </summary>
public sealed class DiagnosticText(UiText text, DiagnosticSubject subject)
{
    private readonly DiagnosticPlaces _places = new(text, subject);

    private UiText T { get; } = text;

    /// <summary>Tells whether <paramref name="code"/> has a wording in the page's language.</summary>
    public static bool IsWorded(string code) => DiagnosticWordings.General.ContainsKey(code);

    /// <summary>Returns the diagnostic as one or two sentences for the page.</summary>
    public string Describe(DesignerDiagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var place = _places.Describe(diagnostic.Pointer);
        return Word(diagnostic, place) ?? General(diagnostic, place);
    }

    /// <summary>
    /// Returns the validator's own message when <see cref="Describe"/> gives only the code's general wording, so that
    /// the page can show the exact value and rule under it. Returns null when a specific wording already says
    /// everything, and for codes outside <see cref="DiagnosticWordings"/> (such as the designer's own ORG1), whose
    /// message <see cref="Describe"/> shows as it is.
    /// </summary>
    /// <remarks>
    /// The validator's messages are English only. On a Chinese page the detail is therefore shown only for the codes
    /// in <see cref="DiagnosticWordings.NeedValidatorMessage"/>, whose general wording points to a value that only the
    /// message quotes, and it is then introduced as the validator's English message. Every other general wording
    /// already names the place and the fix.
    /// </remarks>
    public string? Detail(DesignerDiagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var general = IsWorded(diagnostic.Code) && Word(diagnostic, _places.Describe(diagnostic.Pointer)) is null;
        if (!general)
        {
            return null;
        }

        if (!T.IsChinese)
        {
            return diagnostic.Message;
        }

        return DiagnosticWordings.NeedValidatorMessage.Contains(diagnostic.Code)
            ? T.Format("The validator's message, in English: {0}", diagnostic.Message)
            : null;
    }

    /// <summary>
    /// Returns sentences that count <paramref name="consequences"/>, one per code and the largest count first, such
    /// as "Because of this, 18 other node(s) cannot be reached."
    /// </summary>
    public string Summarize(IReadOnlyList<DesignerDiagnostic> consequences)
    {
        ArgumentNullException.ThrowIfNull(consequences);
        var sentences = consequences.GroupBy(diagnostic => diagnostic.Code)
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => group.Key switch
        {
                DiagnosticCodes.UnreachableNode => T.Format(
                    "Because of this, {0} other node(s) cannot be reached.", group.Count()),
                DiagnosticCodes.NoPathToEnd => T.Format(
                    "Because of this, {0} other node(s) have no path to an end.", group.Count()),
                _ => T.Format("{0} other problem(s) follow from this one.", group.Count()),
            });
        return string.Join(T.IsChinese ? string.Empty : " ", sentences);
    }

    // A code unknown to this build keeps the validator's English message after the place it points to.
    private string General(DesignerDiagnostic diagnostic, string? place)
    {
        if (!DiagnosticWordings.General.TryGetValue(diagnostic.Code, out var format))
        {
            return place is null ? diagnostic.Message : T.Format("{0}: {1}", place, diagnostic.Message);
        }

        var setting = diagnostic.Arguments.TryGetValue("property", out var property)
            ? property
            : DiagnosticPlaces.Setting(diagnostic.Pointer);
        return T.Format(format, place ?? _places.Location(diagnostic.Pointer), setting);
    }

    private string Bound(string bound, string limit, string other) => bound switch
    {
        ParameterBounds.Min => T.Format("at least {0}", limit),
        ParameterBounds.Max => T.Format("at most {0}", limit),
        _ => T.Format("not below {0}", T.Format("\"{0}\" ({1})", other, limit)),
    };

    private string? Word(DesignerDiagnostic diagnostic, string? place)
    {
        var arguments = diagnostic.Arguments;
        string Argument(string name) => arguments.TryGetValue(name, out var value) ? value : string.Empty;
        var node = arguments.ContainsKey("node") ? _places.Node(Argument("node")) : null;
        return diagnostic.Code switch
        {
            DiagnosticCodes.MissingProperty when place is not null && arguments.ContainsKey("assigneeType") => T.Format(
                "{0}: an assignee rule of type \"{1}\" has no value, so it finds nobody. Fill in its value in the \"{2}\" section, or delete the rule.",
                place, T[AssigneeEditor.TypeLabel(Argument("assigneeType"))], T["Assignees"]),
            DiagnosticCodes.EdgeToMissingNode when place is not null && Argument("end") == "from" => T.Format(
                "{0} starts at node \"{1}\", which does not exist. Drag its start onto an existing node, or delete it.",
                place, Argument("node")),
            DiagnosticCodes.EdgeToMissingNode when place is not null => T.Format(
                "{0} leads to node \"{1}\", which does not exist. Drag its end onto an existing node, or delete it.",
                place, Argument("node")),
            DiagnosticCodes.StartNodeCount when Argument("count") == "0" => T[
                "The flow has no start node. Add a start node and connect the first step after it."],
            DiagnosticCodes.StartNodeCount => T.Format(
                "The flow has {0} start nodes. Keep one start node and connect the other steps after it.",
                Argument("count")),
            DiagnosticCodes.NoEndNode => T[
                "The flow has no end node, so no request can finish. Add an end node and connect the last steps to it."],
            DiagnosticCodes.UnreachableNode when node is not null => T.Format(
                "{0} cannot be reached from the start, so it never runs. Connect a node to it, or delete it.", node),
            DiagnosticCodes.NoPathToEnd when node is not null => T.Format(
                "{0} has no path to an end node, so requests that reach it never finish. Connect it towards an end node.",
                node),
            DiagnosticCodes.ConditionWithoutDefault when node is not null => T.Format(
                "{0} has no default branch, so a request that meets no condition would stop there. Under \"{1}\", tick \"{2}\" on one branch.",
                node, T["Branches"], T["Default"]),
            DiagnosticCodes.BranchWithoutCondition when place is not null => T.Format(
                "{0} has no condition and is not the default branch. Add a condition to it, or tick \"{1}\".",
                place, T["Default"]),
            DiagnosticCodes.AmbiguousOutgoing when node is not null => T.Format(
                "{0} has {1} outgoing connections, but only condition, parallel, approval and fill-in nodes branch. Delete the extra connections, or insert a condition node after it.",
                node, Argument("count")),
            DiagnosticCodes.HumanNodeWithoutAssignees when node is not null => T.Format(
                "{0} has no assignees, so nobody would get its task. Choose who does this step in the \"{1}\" section.",
                node, T["Assignees"]),
            DiagnosticCodes.InvalidVoteRatio when node is not null => T.Format(
                "{0} is a vote approval without a valid approving share. Set \"{1}\" to a number above 0 and at most 1, such as 0.5 for a majority.",
                node, T["Approving share (0 to 1)"]),
            DiagnosticCodes.UnknownField when place is not null && arguments.ContainsKey("form") => T.Format(
                "{0} uses field \"{1}\", which form \"{2}\" does not have. Choose one of that form's fields.",
                place, Argument("field"), Argument("form")),
            DiagnosticCodes.UnknownField when place is not null && arguments.ContainsKey("field") => T.Format(
                "{0} uses field \"{1}\", which the form does not have. Choose an existing field, or add the field back to the form.",
                place, Argument("field")),
            DiagnosticCodes.JavaScriptSyntax when place is not null && arguments.ContainsKey("problem") => T.Format(
                "{0}: the JavaScript has a syntax error at line {2}, column {3} ({1}). Correct the script.",
                place, Argument("problem"), Argument("line"), Argument("column")),
            DiagnosticCodes.JavaScriptSyntax when place is not null => T.Format(
                "{0}: the JavaScript is empty. Write a condition such as form.amount > 0, or remove it.", place),
            DiagnosticCodes.DuplicateFieldId when place is not null => T.Format(
                "{0} has the same id as another field. Give one of them a different id.", place),
            DiagnosticCodes.SelectWithoutOptions when place is not null => T.Format(
                "{0} has no options, so nothing can be chosen. Add options, or link it to another form's records.",
                place),
            DiagnosticCodes.WithdrawalPathNodeMissing => T.Format(
                "A withdrawal continues at node \"{0}\", which the flow does not have. Under \"{1}\" in the flow settings, choose another node, or choose \"{2}\".",
                Argument("node"), T["On withdrawal, continue at"], T["Nowhere: the withdrawal only ends the request"]),
            DiagnosticCodes.WithdrawalPathNotAutomatic when node is not null => T.Format(
                "{0} comes after the node where a withdrawal continues, but it waits for a person, a timer, a call or a sub-flow, which a withdrawal cannot do. Lead the withdrawal's steps to an end node without it, or choose another node under \"{1}\".",
                node, T["On withdrawal, continue at"]),
            DiagnosticCodes.WithdrawalPathWithoutWithdraw => T.Format(
                "A withdrawal continues at a node, but the initiator may not withdraw. Tick \"{0}\", or choose \"{1}\" under \"{2}\".",
                T["The initiator may withdraw until someone acts on a task"],
                T["Nowhere: the withdrawal only ends the request"], T["On withdrawal, continue at"]),
            DiagnosticCodes.SubTableWithoutColumns when place is not null => T.Format(
                "{0} has no columns, so no row can be filled in. Select it and add a column under \"{1}\", or delete it.",
                place, T["Columns"]),
            DiagnosticCodes.CancellationPathNodeMissing => T.Format(
                "A cancellation continues at node \"{0}\", which the flow does not have. Under \"{1}\" in the flow settings, choose another node, or choose \"{2}\".",
                Argument("node"), T["On cancellation, continue at"], T["Nowhere: the cancellation only ends the request"]),
            DiagnosticCodes.CancellationPathNotAutomatic when node is not null => T.Format(
                "{0} comes after the node where a cancellation continues, but it waits for a person, a timer, a call or a sub-flow, which a cancellation cannot do. Lead the cancellation's steps to an end node without it, or choose another node under \"{1}\".",
                node, T["On cancellation, continue at"]),
            DiagnosticCodes.DuplicateParameter => T.Format(
                "Parameter \"{0}\" is used twice. Give one of them another id under \"{1}\".",
                Argument("parameter"), T["Parameters"]),
            DiagnosticCodes.ParameterValueType => T.Format(
                "Parameter \"{0}\" has no valid value. Enter a value in the \"{1}\" section.",
                Argument("parameter"), T["Parameters"]),
            DiagnosticCodes.ParameterOutOfRange when arguments.ContainsKey("value") => T.Format(
                "Parameter \"{0}\" is {1}, outside its allowed range: {2}. Enter a value within it in the \"{3}\" section.",
                Argument("parameter"), Argument("value"), Bound(Argument("bound"), Argument("limit"), Argument("other")),
                T["Parameters"]),
            DiagnosticCodes.UnknownParameter when place is not null => T.Format(
                "{0} reads parameter \"{1}\", which the flow does not have. Add it in the \"{2}\" section of the flow settings, or correct the name.",
                place, Argument("parameter"), T["Parameters"]),
            DiagnosticCodes.SubFlowCycle when node is not null => T.Format(
                "{0} starts flow \"{1}\", which leads back to this flow: {2}. Each start nests one sub-flow deeper until the engine stops the submission with an incident. Start it only behind a condition that ends the repetition, or choose another flow under \"{3}\".",
                node, Argument("flow"), Argument("cycle"), T["Flow key"]),
            DiagnosticCodes.FormNotPublished when arguments.ContainsKey("form") => T.Format(
                "Form \"{0}\" has no published version yet. Publish form \"{0}\" first and then this flow, or import both in one template package.",
                Argument("form")),
            DiagnosticCodes.OutcomeValueUnknown when place is not null && node is not null => T.Format(
                "{0} compares the outcome of {1} with \"{2}\", which that step never has, so the branch never runs. Choose one of: {3}.",
                place, node, Argument("value"), Argument("allowed")),
            _ => null,
        };
    }
}
