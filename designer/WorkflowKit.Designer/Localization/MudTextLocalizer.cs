using Microsoft.Extensions.Localization;
using MudBlazor;

namespace WorkflowKit.Designer.Localization;

/// <summary>
/// MudBlazor's translation hook. On Chinese screens it returns <see cref="MudChineseStrings"/>. Otherwise, and for a
/// key without a Chinese text, it reports the key as not found, so MudBlazor falls back to its English resources.
/// It is resolved per circuit, so it follows the language in the circuit's <see cref="UiText"/>.
/// </summary>
public sealed class MudTextLocalizer(UiText text) : MudLocalizer
{
    public override LocalizedString this[string key] =>
        text.IsChinese && MudChineseStrings.Values.TryGetValue(key, out var chinese)
            ? new LocalizedString(key, chinese)
            : new LocalizedString(key, key, resourceNotFound: true);

    public override LocalizedString this[string key, params object[] arguments]
    {
        get
        {
            var translation = this[key];
            return translation.ResourceNotFound
                ? translation
                : new LocalizedString(key, string.Format(System.Globalization.CultureInfo.CurrentCulture, translation.Value, arguments));
        }
    }
}
