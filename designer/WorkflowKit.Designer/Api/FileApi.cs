using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Files;

namespace WorkflowKit.Designer.Api;

/// <summary>
/// Handlers of <c>/api/files</c>: uploads for attachment, image and signature fields, and downloads that
/// <see cref="FileService"/> allows.
/// </summary>
internal static class FileApi
{
    // The largest maxSize a field may set, plus room for the multipart headers and the other form fields.
    private const long MaxRequestBytes = FieldTypes.MaxFileSizeLimit + 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var files = api.MapGroup("/files").WithTags("Files");
        files.MapPost("/", UploadAsync)
            .DisableAntiforgery()
            .Produces<WorkflowKit.Files.FileReference>(StatusCodes.Status201Created)
            .ProducesProblems(
                StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status422UnprocessableEntity);
        files.MapGet("/{id}", DownloadAsync)
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
        files.MapGet("/{id}/preview", PreviewAsync)
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "image/png", "image/jpeg", "image/gif", "image/webp")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// Stores the multipart part <c>file</c> for the field <c>field</c> (an id, or <c>table.column</c>) of the form
    /// <c>form</c>, and returns its reference. The optional <c>instance</c> (a task's instance id) or <c>flow</c> (the
    /// flow being started) selects the form version whose limits apply; without them the latest published version
    /// does. Each is given as a form field or a query parameter. A request larger than the limit gets a 413 in the
    /// caller's language, as do the 400s about the parts.
    /// </summary>
    private static async Task<IResult> UploadAsync(HttpContext context, FileService files, CancellationToken ct)
    {
        var user = ApiEndpoints.Current(context);
        var text = UploadRequestMessages.For(user);
        if (context.Request.ContentLength > MaxRequestBytes)
        {
            return TooLarge(text);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxRequestBytes;
        }

        if (!context.Request.HasFormContentType)
        {
            return BadRequest(text.NotMultipart());
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A chunked body, or one whose Content-Length understated it, reaches the limit while it is read.
            return TooLarge(text);
        }
        catch (InvalidDataException error)
        {
            return BadRequest(text.UnreadableMultipart(error.Message));
        }

        var (file, partProblem) = FindFilePart(form, text);
        if (partProblem is not null)
        {
            return BadRequest(partProblem);
        }

        var formKey = FirstOf(form["form"], context.Request.Query["form"]);
        var fieldPath = FirstOf(form["field"], context.Request.Query["field"]);
        if (file is null || formKey is null || fieldPath is null)
        {
            return BadRequest(text.MissingParts(file is null, formKey is null, fieldPath is null));
        }

        try
        {
            await using var stream = file.OpenReadStream();
            var target = new FileUploadTarget(formKey, fieldPath)
            {
                InstanceId = FirstOf(form["instance"], context.Request.Query["instance"]),
                FlowKey = FirstOf(form["flow"], context.Request.Query["flow"]),
            };
            var reference = await files.UploadAsync(user, target, file.FileName, stream, file.Length, ct);
            return Results.Created($"/api/files/{reference.Id}", reference);
        }
        catch (FileUploadException rejected)
        {
            return Results.Problem(rejected.Message, statusCode: StatusCodes.Status422UnprocessableEntity);
        }
    }

    /// <summary>
    /// Returns the one file part named <c>file</c>, or the problem with the parts: a file in a part of another name,
    /// several <c>file</c> parts, or a <c>file</c> part without a file name, which the form reader keeps as a text
    /// value. Several files are rejected rather than stored, because the reply is one reference for one field value
    /// and a second file that fails its checks would leave the first stored without the caller knowing its id.
    /// </summary>
    private static (IFormFile? File, string? Problem) FindFilePart(IFormCollection form, UploadRequestMessages text)
    {
        var others = form.Files.Where(part => part.Name != "file").Select(part => $"\"{part.Name}\"").Distinct().ToList();
        if (others.Count > 0)
        {
            return (null, text.WrongPartName(string.Join(", ", others)));
        }

        var parts = form.Files.GetFiles("file");
        if (parts.Count > 1)
        {
            return (null, text.SeveralFiles(parts.Count));
        }

        if (parts.Count == 0 && form.ContainsKey("file"))
        {
            return (null, text.MissingFileName());
        }

        return (parts.Count == 1 ? parts[0] : null, null);
    }

    private static IResult TooLarge(UploadRequestMessages text) => Results.Problem(
        text.TooLarge(WorkflowKit.Files.FileUploadCheck.FormatSize(
            MaxRequestBytes, System.Globalization.CultureInfo.InvariantCulture)),
        statusCode: StatusCodes.Status413PayloadTooLarge,
        extensions: new Dictionary<string, object?> { ["maxRequestBytes"] = MaxRequestBytes });

    private static IResult BadRequest(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>
    /// Sends a file as an attachment under its cleaned name, or 404 when it does not exist or the caller may not see
    /// it.
    /// </summary>
    private static async Task<IResult> DownloadAsync(
        string id, HttpContext context, FileService files, CancellationToken ct)
    {
        var download = await files.OpenAsync(ApiEndpoints.Current(context), id, ct);
        if (download is null)
        {
            return FileNotFound(context, id);
        }

        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
        headers[HeaderNames.CacheControl] = "private, no-store";
        return Results.File(download.Content, download.File.ContentType, download.File.Name);
    }

    /// <summary>
    /// Shows a PNG, JPEG, GIF or WebP image inline, such as a signature's full size, to the users that
    /// <see cref="DownloadAsync"/> allows, and 404 to everyone else. The media type comes from the content's first
    /// bytes, so an SVG or HTML file stored under an image name is never shown inline: it gets a 404 problem that
    /// points to the download.
    /// </summary>
    private static async Task<IResult> PreviewAsync(
        string id, HttpContext context, FileService files, CancellationToken ct)
    {
        var download = await files.OpenAsync(ApiEndpoints.Current(context), id, ct);
        if (download is null)
        {
            return FileNotFound(context, id);
        }

        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
        headers[HeaderNames.CacheControl] = "private, no-store";
        var mediaType = FilePreview.RasterTypeOf(download.Content);
        if (mediaType is null)
        {
            return ApiProblem.Create(context, StatusCodes.Status404NotFound, "not-found",
                "File '{0}' is not a PNG, JPEG, GIF or WebP image, so it has no preview; download it from {1}.",
                [id, FilePreview.DownloadUrlOf(id)]);
        }

        headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("inline")
        {
            FileNameStar = download.File.Name,
        }.ToString();
        return Results.File(download.Content, mediaType);
    }

    /// <summary>
    /// The 404 reply for a file that does not exist or that the caller may not download. Both get the same text, so
    /// that it does not confirm the id.
    /// </summary>
    private static IResult FileNotFound(HttpContext context, string id) => ApiProblem.Create(
        context, StatusCodes.Status404NotFound, "not-found",
        "File '{0}' does not exist or you may not download it; use the id of a file that you uploaded or that is in an instance or record you may read.",
        [id]);

    private static string? FirstOf(string? first, string? second) =>
        !string.IsNullOrWhiteSpace(first) ? first : !string.IsNullOrWhiteSpace(second) ? second : null;
}
