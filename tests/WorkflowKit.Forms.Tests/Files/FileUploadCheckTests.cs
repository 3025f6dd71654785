using System.Globalization;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Files;

namespace WorkflowKit.Forms.Tests.Files;

/// <summary>The checks an upload passes before it is stored: name, size, accept list and the sniffed image format.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class FileUploadCheckTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1];
    private static readonly byte[] Pdf = "%PDF-1.7\n%\u00e2\u00e3"u8.ToArray();
    private static readonly FormMessages English = FormMessages.For(CultureInfo.GetCultureInfo("en"));
    private static readonly FormMessages Chinese = FormMessages.For(CultureInfo.GetCultureInfo("zh-CN"));

    [Test]
    public void Size_over_default_limit_is_rejected()
    {
        var field = Attachment(accept: null);

        var verdict = FileUploadCheck.Check(field, "big.pdf", FieldTypes.DefaultMaxFileSize + 1, Pdf, English);
        var atLimit = FileUploadCheck.Check(field, "ok.pdf", FieldTypes.DefaultMaxFileSize, Pdf, English);

        Assert.That(verdict.Error, Is.EqualTo(
            "\"Contract\": file big.pdf is 20 MB, more than the limit of 20 MB; compress or split it and upload again"));
        Assert.That(atLimit.IsAccepted, Is.True, atLimit.Error);
    }

    [Test]
    public void Size_over_field_maxSize_is_rejected()
    {
        var field = Attachment(accept: null);
        field.MaxSize = 1024 * 1024;

        var verdict = FileUploadCheck.Check(field, "scan.pdf", 1_572_864, Pdf, Chinese);

        Assert.That(verdict.Error, Is.EqualTo("“合同”：文件 scan.pdf 大小为 1.5 MB，超过上限 1 MB；请压缩或拆分后再上传"));
    }

    [Test]
    public void Empty_file_is_rejected()
    {
        var verdict = FileUploadCheck.Check(Attachment(accept: null), "empty.pdf", 0, [], English);

        Assert.That(verdict.Error, Is.EqualTo("\"Contract\": file empty.pdf is empty; choose a file with content"));
    }

    [Test]
    public void Extension_outside_accept_is_rejected()
    {
        var verdict = FileUploadCheck.Check(Attachment(".pdf", ".docx"), "tool.exe", 10, [0x4D, 0x5A], English);

        Assert.That(verdict.Error, Is.EqualTo("\"Contract\" does not accept file tool.exe (allowed: .pdf, .docx)"));
    }

    [Test]
    public void Accept_ignores_extension_case()
    {
        var verdict = FileUploadCheck.Check(Attachment(".pdf"), "SCAN.PDF", Pdf.Length, Pdf, English);

        Assert.That(verdict.IsAccepted, Is.True, verdict.Error);
        Assert.That(verdict.ContentType, Is.EqualTo("application/pdf"));
    }

    [Test]
    public void Image_named_png_with_jpeg_content_is_rejected()
    {
        var verdict = FileUploadCheck.Check(Image(), "photo.png", Jpeg.Length, Jpeg, English);

        Assert.That(verdict.Error, Is.EqualTo(
            "\"Site photo\": file photo.png has the extension .png but its content is image/jpeg; " +
            "save it with the extension of its content and upload again"));
    }

    [Test]
    public void Image_field_rejects_non_image_content()
    {
        var verdict = FileUploadCheck.Check(Image(), "photo.png", Pdf.Length, Pdf, English);

        Assert.That(verdict.Error, Is.EqualTo(
            "\"Site photo\" expects a PNG, JPEG, GIF or WebP image, but the content of file photo.png is none of these"));
    }

    [Test]
    public void Attachment_named_as_image_must_be_one()
    {
        var field = Attachment(".pdf", ".png");

        var script = FileUploadCheck.Check(field, "logo.png", 20, "<script>alert(1)</script>"u8, English);
        var png = FileUploadCheck.Check(field, "logo.png", Png.Length, Png, English);

        Assert.That(script.Error, Does.Contain("has the extension .png but its content is not an image"));
        Assert.That(png.IsAccepted, Is.True, png.Error);
        Assert.That(png.ContentType, Is.EqualTo("image/png"));
    }

    [TestCase("GIF89a\0\0\0\0\0\0", "image/gif")]
    [TestCase("RIFF\u0010\0\0\0WEBP", "image/webp")]
    public void Sniffer_recognises_gif_and_webp(string header, string expected)
    {
        var bytes = header.Select(character => (byte)character).ToArray();

        Assert.That(ImageFormats.Sniff(bytes), Is.EqualTo(expected));
    }

    [Test]
    public void Signature_takes_unnamed_png()
    {
        var field = new FieldDefinition
        {
            Id = "sign", Type = FieldTypes.Signature, Label = new LocalizedText("签名", "Signature"),
        };

        var verdict = FileUploadCheck.Check(field, "signature", Png.Length, Png, English);

        Assert.That(verdict.IsAccepted, Is.True, verdict.Error);
        Assert.That(verdict.ContentType, Is.EqualTo("image/png"));
    }

    [Test]
    public void Other_types_take_no_uploads()
    {
        var field = new FieldDefinition { Id = "note", Type = FieldTypes.Text, Label = new LocalizedText("备注", "Note") };

        var verdict = FileUploadCheck.Check(field, "a.pdf", Pdf.Length, Pdf, English);

        Assert.That(verdict.Error, Is.EqualTo(
            "\"Note\" is a text field and takes no uploads; only attachment, image and signature fields do"));
    }

    [TestCase("../../etc/passwd.pdf", "passwd.pdf")]
    [TestCase(@"C:\Users\zw\Desktop\报价单.pdf", "报价单.pdf")]
    [TestCase("invoice\u202Efdp.exe", "invoicefdp.exe")]
    [TestCase("\u2066report\u2069\u200F.pdf", "report.pdf")]
    [TestCase("line\r\nbreak\t.pdf", "linebreak.pdf")]
    [TestCase("  ..hidden.pdf. ", "hidden.pdf")]
    [TestCase("华东区 2026年 合同（盖章版）.pdf", "华东区 2026年 合同（盖章版）.pdf")]
    [TestCase("👩‍💻.png", "👩‍💻.png")]
    public void Names_lose_paths_and_control_characters(string sent, string stored)
    {
        Assert.That(FileNames.Clean(sent), Is.EqualTo(stored));
    }

    [Test]
    public void Name_of_only_invisible_characters_is_rejected()
    {
        var verdict = FileUploadCheck.Check(Attachment(accept: null), "\u202E\u2066/", Pdf.Length, Pdf, English);

        Assert.That(verdict.Error, Is.EqualTo(
            "\"Contract\": the uploaded file has no name (or only invisible characters); rename it and upload again"));
    }

    [TestCase(".pdf", ".pdf")]
    [TestCase(@"scans\ .PDF", ".PDF")]
    [TestCase("..pdf", ".pdf")]
    public void Name_of_only_extension_is_rejected(string sent, string shown)
    {
        var english = FileUploadCheck.Check(Attachment(".pdf"), sent, Pdf.Length, Pdf, English);
        var chinese = FileUploadCheck.Check(Attachment(".pdf"), sent, Pdf.Length, Pdf, Chinese);

        Assert.That(english.Error, Is.EqualTo(
            $"\"Contract\": the file name {shown} is only an extension; put a name before it (such as contract{shown}) " +
            "and upload again"));
        Assert.That(chinese.Error, Is.EqualTo($"“合同”：文件名 {shown} 只有扩展名；请在扩展名前加上名称（如 合同{shown}）后再上传"));
    }

    [TestCase("a.pdf")]
    [TestCase("readme")]
    [TestCase("  ..hidden.pdf. ")]
    public void Name_with_base_is_not_only_extension(string sent)
    {
        Assert.That(FileNames.IsOnlyExtension(sent), Is.False);
    }

    [Test]
    public void Bidi_name_is_checked_after_cleaning()
    {
        // Without cleaning, "invoice\u202Efdp.exe" displays as "invoiceexe.pdf" but ends in .exe.
        var verdict = FileUploadCheck.Check(Attachment(".pdf"), "invoice\u202Efdp.exe", 10, [0x4D, 0x5A], English);

        Assert.That(verdict.Error, Is.EqualTo("\"Contract\" does not accept file invoicefdp.exe (allowed: .pdf)"));
    }

    private static FieldDefinition Attachment(params string[]? accept) => new()
    {
        Id = "contract",
        Type = FieldTypes.Attachment,
        Label = new LocalizedText("合同", "Contract"),
        Multiple = true,
        Accept = accept is null ? null : [.. accept],
    };

    private static FieldDefinition Image() => new()
    {
        Id = "photo",
        Type = FieldTypes.Image,
        Label = new LocalizedText("现场照片", "Site photo"),
        Accept = [".jpg", ".png"],
    };
}
