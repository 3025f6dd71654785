using AngleSharp.Dom;
using Bunit;

namespace WorkflowKit.Designer.Tests.Admin;

/// <summary>Finds the input of a MudBlazor field by test id, whether the id sits on the input or on its wrapper.</summary>
internal static class TestIds
{
    public static IElement Input<T>(IRenderedComponent<T> component, string testId)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        var element = component.Find($"[data-testid={testId}]");
        return element.TagName == "INPUT"
            ? element
            : element.QuerySelector("input") ?? throw new InvalidOperationException($"No input under test id {testId}.");
    }
}
