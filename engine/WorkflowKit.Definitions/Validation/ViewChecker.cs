using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Definitions.Validation;

/// <summary>Checks a view's columns, filter and sort keys against its form.</summary>
internal static class ViewChecker
{
    public static void Check(CheckContext context, ViewDefinition view, DefinitionSet set)
    {
        var form = set.FindForm(view.Form);
        if (form is null && !set.IsUnreadable(FormDefinition.KindName, view.Form))
        {
            context.Warning(
                DiagnosticCodes.ReferencedDocumentMissing, "/form",
                $"Form \"{view.Form}\" is not among the validated documents, so the view's fields were not checked. " +
                "Validate the view together with its form.");
        }

        var scope = FieldScope.For(form);
        for (var i = 0; i < view.Columns.Count; i++)
        {
            if (!scope.Resolves(view.Columns[i]))
            {
                FormChecker.UnknownField(context, JsonPointers.Of("columns", i), view.Columns[i], scope);
            }
        }

        for (var i = 0; i < (view.Sort?.Count ?? 0); i++)
        {
            if (!scope.Resolves(view.Sort![i].Field))
            {
                FormChecker.UnknownField(context, JsonPointers.Of("sort", i, "field"), view.Sort[i].Field, scope);
            }
        }

        ConditionChecker.Check(context, view.Filter, "/filter", scope);
    }
}
