using System.Globalization;
using WorkflowKit.Definitions;

namespace WorkflowKit.Designer.Services;

/// <summary>
/// A value that a person typed or chose is invalid. <see cref="TextFormat"/> is an English composite format that is
/// also a <see cref="Localization.UiText"/> key, so a page shows the message in the user's language
/// (<see cref="Localization.UiText.Describe"/>); <see cref="Exception.Message"/> is the English text, for the log and
/// the API. Arguments of type <see cref="LocalizedText"/> are shown in the page's language.
/// </summary>
public sealed class InvalidInputException : ArgumentException, ILocalizedError
{
    public InvalidInputException(string textFormat, string? paramName, params object?[] textArguments)
        : base(Fill(textFormat, textArguments, "en"), paramName)
    {
        TextFormat = textFormat;
        TextArguments = textArguments;
    }

    public InvalidInputException()
        : this("The value is invalid.", (string?)null)
    {
    }

    public InvalidInputException(string message)
        : this(message, (string?)null)
    {
    }

    public InvalidInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        TextFormat = message;
        TextArguments = [];
    }

    /// <summary>The English composite format, such as "Role key '{0}' is invalid; ...".</summary>
    public string TextFormat { get; }

    public IReadOnlyList<object?> TextArguments { get; }

    /// <summary>The code of the API's problem reply, such as <c>property-missing</c>; null for <c>bad-request</c>.</summary>
    public string? Code { get; init; }

    /// <summary>
    /// The JSON path of the request body property that the error is about, such as <c>$.flowKey</c>, for API replies;
    /// null when the error is not about one property.
    /// </summary>
    public string? JsonPath { get; init; }

    /// <summary>The English text without the "(Parameter ...)" suffix of <see cref="ArgumentException"/>.</summary>
    public override string Message => Fill(TextFormat, TextArguments, "en");

    /// <summary>
    /// Creates the error for a required request body property that is missing, null or empty, at
    /// <paramref name="jsonPath"/> such as <c>$.flowKey</c>.
    /// </summary>
    public static InvalidInputException MissingProperty(string jsonPath, string textFormat, params object?[] textArguments) =>
        new(textFormat, null, textArguments) { Code = "property-missing", JsonPath = jsonPath };

    /// <summary>Fills <paramref name="format"/>, already translated, with the arguments in <paramref name="culture"/>.</summary>
    public static string Fill(string format, IReadOnlyList<object?> arguments, string culture) =>
        string.Format(
            CultureInfo.InvariantCulture,
            format,
            [.. arguments.Select(argument => argument is LocalizedText text ? text.Get(culture) : argument)]);
}
