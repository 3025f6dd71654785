namespace WorkflowKit.Designer.Flows;

/// <summary>Where the value of an assignee rule's <c>where</c> condition comes from.</summary>
public enum AssigneeConditionSource
{
    /// <summary>A field of the instance's form, written as <c>form.FIELD</c>.</summary>
    FormField,

    /// <summary>A fixed text, written as a JavaScript string literal.</summary>
    Constant,

    /// <summary>Any other JavaScript expression, kept as written.</summary>
    Expression,
}
