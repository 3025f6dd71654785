using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Migration;

namespace WorkflowKit.Designer.Services;

/// <summary>A migration plan with the two flow versions and the people it names, so that a page can word it.</summary>
/// <param name="Plan">The plan, as the engine made it.</param>
/// <param name="Source">The flow version the instance runs on.</param>
/// <param name="Target">The flow version the plan moves it to.</param>
/// <param name="UserNames">Display names by user id.</param>
public sealed record MigrationPreview(
    MigrationPlan Plan, FlowDefinition Source, FlowDefinition Target, IReadOnlyDictionary<string, string> UserNames);
