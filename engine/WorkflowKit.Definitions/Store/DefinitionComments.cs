namespace WorkflowKit.Definitions.Store;

/// <summary>The publisher's comment stored with a published version.</summary>
public static class DefinitionComments
{
    /// <summary>Maximum length of a comment, in UTF-16 characters.</summary>
    public const int MaxLength = 500;

    /// <summary>
    /// Trims <paramref name="comment"/> and returns null for a null or blank one. Throws
    /// <see cref="ArgumentException"/> when the trimmed comment is longer than <see cref="MaxLength"/>.
    /// </summary>
    public static string? Normalize(string? comment)
    {
        var trimmed = comment?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > MaxLength)
        {
            throw new ArgumentException(
                $"The publish comment has {trimmed.Length} characters; the maximum is {MaxLength}. Shorten it.",
                nameof(comment));
        }

        return trimmed;
    }
}
