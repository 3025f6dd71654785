using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Forms;

/// <summary>
/// The forms of the store that the form designer's editors offer (lookup, record value, related form), with their
/// fields. The fields come from each form's latest published version, because the validator and the server check a
/// lookup against that version. Each form is read once per catalog.
/// </summary>
public sealed class FormCatalog(
    IReadOnlyList<DefinitionSummary> forms, Func<string, CancellationToken, Task<FormDefinition?>> loadPublished)
{
    private readonly Dictionary<string, Task<FormDefinition?>> _loaded = new(StringComparer.Ordinal);

    /// <summary>An empty catalog, for a field editor shown without the store.</summary>
    public static FormCatalog Empty { get; } = new([], (_, _) => Task.FromResult<FormDefinition?>(null));

    public IReadOnlyList<DefinitionSummary> Forms { get; } = forms;

    /// <summary>Builds a catalog over the designer's definition service.</summary>
    public static FormCatalog Of(IReadOnlyList<DefinitionSummary> forms, IDefinitionService definitions) =>
        new(forms, async (key, cancellationToken) =>
        {
            var version = forms.FirstOrDefault(form => form.Key == key)?.PublishedVersion;
            var json = version is null
                ? null
                : await definitions.GetVersionJsonAsync(DefinitionKind.Form, key, version.Value, cancellationToken);
            return json is null ? null : DefinitionJson.Deserialize<FormDefinition>(json);
        });

    /// <summary>Returns the latest published version of form <paramref name="key"/>, or null when it has none.</summary>
    public Task<FormDefinition?> GetAsync(string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            return Task.FromResult<FormDefinition?>(null);
        }

        if (!_loaded.TryGetValue(key, out var form))
        {
            form = loadPublished(key, cancellationToken);
            _loaded[key] = form;
        }

        return form;
    }

    /// <summary>Returns a form's name in <paramref name="culture"/> with its key, or the key alone for a form not in the store.</summary>
    public string Label(string? key, string culture)
    {
        var form = Forms.FirstOrDefault(candidate => candidate.Key == key);
        return form is null ? key ?? string.Empty : $"{form.Name.Get(culture)} ({form.Key})";
    }
}
