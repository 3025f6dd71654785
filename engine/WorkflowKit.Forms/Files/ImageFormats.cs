namespace WorkflowKit.Files;

/// <summary>Recognises PNG, JPEG, GIF and WebP images by their first bytes.</summary>
public static class ImageFormats
{
    /// <summary>The bytes <see cref="Sniff"/> reads at most.</summary>
    public const int HeaderLength = 12;

    /// <summary>
    /// Returns the media type of the image whose content starts with <paramref name="header"/>, or null when the
    /// bytes start no PNG, JPEG, GIF or WebP file.
    /// </summary>
    public static string? Sniff(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        return header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8)
            ? "image/webp"
            : null;
    }

    /// <summary>Returns the extensions that name an image of the media type, such as ".jpg" and ".jpeg".</summary>
    public static IReadOnlyList<string> ExtensionsOf(string mediaType) => mediaType switch
    {
        "image/png" => [".png"],
        "image/jpeg" => [".jpg", ".jpeg", ".jfif"],
        "image/gif" => [".gif"],
        "image/webp" => [".webp"],
        _ => [],
    };
}
