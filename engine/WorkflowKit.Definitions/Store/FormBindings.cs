using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Store;

/// <summary>
/// The form version each flow version is published with (table <c>definition_form_bindings</c>).
/// A flow version runs with its bound form for as long as it exists, so a later form change
/// reaches new flow versions only. Publishing a flow whose content is unchanged while its form
/// has a newer version therefore publishes a new flow version bound to that form. The SQL is
/// portable between SQLite and PostgreSQL.
/// </summary>
public static class FormBindings
{
    /// <summary>Binds flow version <c>@FlowVersion</c> of <c>@FlowKey</c> to the latest version of form <c>@FormKey</c>, if any.</summary>
    public const string Bind = """
        INSERT INTO definition_form_bindings (flow_key, flow_version, form_key, form_version)
        SELECT @FlowKey, @FlowVersion, @FormKey, MAX(version) FROM definition_versions
        WHERE kind = 'form' AND key = @FormKey
        HAVING MAX(version) IS NOT NULL
        """;

    /// <summary>The form version bound to <c>@FlowKey</c> version <c>@FlowVersion</c>; no row when unbound.</summary>
    public const string BoundVersion =
        "SELECT form_version FROM definition_form_bindings WHERE flow_key = @FlowKey AND flow_version = @FlowVersion";

    /// <summary>The latest published version of form <c>@FormKey</c>; null when it has none.</summary>
    public const string LatestFormVersion =
        "SELECT MAX(version) FROM definition_versions WHERE kind = 'form' AND key = @FormKey";

    /// <summary>The keys of the forms that have at least one published version.</summary>
    public const string PublishedFormKeys = "SELECT DISTINCT key FROM definition_versions WHERE kind = 'form'";

    /// <summary>The form a flow document carries, or null for other documents and flows without a form.</summary>
    public static string? FormKeyOf(DefinitionDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Model is FlowDefinition { Form: { Length: > 0 } form } ? form : null;
    }

    /// <summary>Orders a package's documents so that forms are published before the flows that bind them.</summary>
    public static IEnumerable<DefinitionDocument> FormsFirst(IEnumerable<DefinitionDocument> documents) =>
        documents.OrderBy(document => document.Kind == DefinitionKinds.Form ? 0 : 1);
}
