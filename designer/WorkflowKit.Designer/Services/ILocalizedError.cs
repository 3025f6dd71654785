namespace WorkflowKit.Designer.Services;

/// <summary>
/// An error that pages and API replies can word in the user's language. <see cref="TextFormat"/> is an English
/// composite format that is also a <see cref="Localization.UiText"/> key, filled with <see cref="TextArguments"/>.
/// </summary>
public interface ILocalizedError
{
    /// <summary>
    /// The stable code of API problem replies, such as <c>task-not-found</c>, or null for the general code of the
    /// reply's status.
    /// </summary>
    string? Code { get; }

    /// <summary>The English composite format, such as "Task '{0}' does not exist; check the id.".</summary>
    string TextFormat { get; }

    IReadOnlyList<object?> TextArguments { get; }
}
