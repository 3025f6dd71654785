using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms;

namespace WorkflowKit.Files;

/// <summary>
/// Checks an upload against its field before it is stored: the name, the field's <c>maxSize</c>, its <c>accept</c>
/// list, and for image and signature fields, and for attachments named as images, the image format that the first
/// bytes show.
/// </summary>
public static class FileUploadCheck
{
    // Media types by extension of the non-image files that the samples' forms accept. Any other extension is served
    // as application/octet-stream, which browsers download without running.
    private static readonly Dictionary<string, string> MediaTypes = new(StringComparer.Ordinal)
    {
        [".pdf"] = "application/pdf",
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xls"] = "application/vnd.ms-excel",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".ppt"] = "application/vnd.ms-powerpoint",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".txt"] = "text/plain; charset=utf-8",
        [".csv"] = "text/csv; charset=utf-8",
        [".zip"] = "application/zip",
        [".ofd"] = "application/ofd",
    };

    /// <summary>
    /// Returns the largest upload in bytes that <paramref name="field"/> takes: its <c>maxSize</c>, or
    /// <see cref="FieldTypes.DefaultMaxFileSize"/>.
    /// </summary>
    public static long MaxSizeOf(FieldDefinition field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.MaxSize ?? FieldTypes.DefaultMaxFileSize;
    }

    /// <summary>
    /// Checks an upload of <paramref name="length"/> bytes named <paramref name="name"/>, whose content starts with
    /// <paramref name="header"/> (at least <see cref="ImageFormats.HeaderLength"/> bytes when the file has them).
    /// Returns the cleaned name and the media type to store, or the message that explains why the upload is rejected.
    /// </summary>
    public static FileUploadVerdict Check(
        FieldDefinition field, string? name, long length, ReadOnlySpan<byte> header, FormMessages messages)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(messages);
        var label = field.Label.Get(messages.Culture.Name);
        if (!FieldTypes.Files.Contains(field.Type))
        {
            return FileUploadVerdict.Rejected(messages.NotAFileField(label, field.Type));
        }

        var cleaned = FileNames.Clean(name);
        if (cleaned.Length == 0)
        {
            return FileUploadVerdict.Rejected(messages.MissingFileName(label));
        }

        if (FileNames.IsOnlyExtension(name))
        {
            return FileUploadVerdict.Rejected(messages.NameIsOnlyExtension(label, "." + cleaned));
        }

        if (length == 0)
        {
            return FileUploadVerdict.Rejected(messages.EmptyFile(label, cleaned));
        }

        var maximum = MaxSizeOf(field);
        if (length > maximum)
        {
            return FileUploadVerdict.Rejected(messages.FileTooLarge(
                label, cleaned, FormatSize(length, messages.Culture), FormatSize(maximum, messages.Culture)));
        }

        var extension = FileNames.ExtensionOf(cleaned);
        if (field.Type != FieldTypes.Signature && field.Accept is { Count: > 0 } accept
            && !accept.Any(allowed => string.Equals(allowed, extension, StringComparison.OrdinalIgnoreCase)))
        {
            return FileUploadVerdict.Rejected(messages.FileTypeNotAccepted(label, cleaned, string.Join(", ", accept)));
        }

        var sniffed = ImageFormats.Sniff(header);
        var namedImage = ImageTypeOfExtension(extension);
        if (field.Type is FieldTypes.Image or FieldTypes.Signature)
        {
            if (sniffed is null)
            {
                return FileUploadVerdict.Rejected(messages.NotAnImage(label, cleaned));
            }

            // A signature drawn in the browser may come without an extension; an image must name its format.
            var unnamedSignature = field.Type == FieldTypes.Signature && extension.Length == 0;
            return namedImage == sniffed || unnamedSignature
                ? FileUploadVerdict.Accepted(cleaned, sniffed)
                : Mismatch(label, cleaned, extension, sniffed, messages);
        }

        // An attachment named as an image must be that image, so that a script renamed to .png is not served as one.
        if (namedImage is not null)
        {
            return sniffed == namedImage
                ? FileUploadVerdict.Accepted(cleaned, sniffed)
                : Mismatch(label, cleaned, extension, sniffed, messages);
        }

        return FileUploadVerdict.Accepted(cleaned, MediaTypes.GetValueOrDefault(extension, "application/octet-stream"));
    }

    private static FileUploadVerdict Mismatch(
        string label, string name, string extension, string? sniffed, FormMessages messages)
    {
        var chinese = messages.Culture.Name.StartsWith("zh", StringComparison.Ordinal);
        var content = sniffed ?? (chinese ? "非图片内容" : "not an image");
        var none = chinese ? "（无）" : "(none)";
        var shownExtension = extension.Length == 0 ? none : extension;
        return FileUploadVerdict.Rejected(messages.ImageTypeMismatch(label, name, shownExtension, content));
    }

    /// <summary>Formats a byte count for a message, such as "20 MB" or "1.5 KB", with binary multiples.</summary>
    public static string FormatSize(long bytes, IFormatProvider culture)
    {
        string[] units = ["B", "KB", "MB", "GB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        var format = unit == 0 || value >= 100 || value == Math.Floor(value) ? "0" : "0.#";
        return value.ToString(format, culture) + " " + units[unit];
    }

    private static string? ImageTypeOfExtension(string extension) => extension switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" or ".jfif" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        _ => null,
    };
}
