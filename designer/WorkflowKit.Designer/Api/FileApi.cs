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
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        files.MapGet("/{id}", DownloadAsync)
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "application/octet-stream")
            .Produces(StatusCodes.Status404NotFound);
        files.MapGet("/{id}/preview", PreviewAsync)
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "image/png", "image/jpeg", "image/gif", "image/webp")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// Stores the multipart part <c>file</c> for the field <c>field</c> (an id, or <c>table.column</c>) of the form
    /// <c>form</c>, and returns its reference. The optional <c>instance</c> (a task's instance id) or <c>flow</c> (the
    /// flow being started) selects the form version whose limits apply; without them the latest published version
    /// does. Each is given as a form field or a query parameter.
    /// </summary>
    private static async Task<IResult> UploadAsync(HttpContext context, FileService files, CancellationToken ct)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxRequestBytes;
        }

        if (!context.Request.HasFormContentType)
        {
            return Results.Problem(
                "Send the upload as multipart/form-data with the file in a part named \"file\" and the fields " +
                "\"form\" (form key) and \"field\" (field id, or table.column for a sub-table column).",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file") ?? (form.Files.Count == 1 ? form.Files[0] : null);
        var formKey = FirstOf(form["form"], context.Request.Query["form"]);
        var fieldPath = FirstOf(form["field"], context.Request.Query["field"]);
        if (file is null || formKey is null || fieldPath is null)
        {
            var missing = new[] { file is null ? "a part named \"file\"" : null, formKey is null ? "\"form\"" : null,
                fieldPath is null ? "\"field\"" : null }.OfType<string>();
            return Results.Problem(
                $"The upload lacks {string.Join(" and ", missing)}; send the file with the form key and the field id.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            await using var stream = file.OpenReadStream();
            var target = new FileUploadTarget(formKey, fieldPath)
            {
                InstanceId = FirstOf(form["instance"], context.Request.Query["instance"]),
                FlowKey = FirstOf(form["flow"], context.Request.Query["flow"]),
            };
            var reference = await files.UploadAsync(
                ApiEndpoints.Current(context), target, file.FileName, stream, file.Length, ct);
            return Results.Created($"/api/files/{reference.Id}", reference);
        }
        catch (FileUploadException rejected)
        {
            return Results.Problem(rejected.Message, statusCode: StatusCodes.Status422UnprocessableEntity);
        }
    }

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
            return Results.NotFound();
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
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
        headers[HeaderNames.CacheControl] = "private, no-store";
        var mediaType = FilePreview.RasterTypeOf(download.Content);
        if (mediaType is null)
        {
            return Results.Problem(
                $"File '{id}' is not a PNG, JPEG, GIF or WebP image, so it has no preview; download it from " +
                $"{FilePreview.DownloadUrlOf(id)}.",
                statusCode: StatusCodes.Status404NotFound);
        }

        headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("inline")
        {
            FileNameStar = download.File.Name,
        }.ToString();
        return Results.File(download.Content, mediaType);
    }

    private static string? FirstOf(string? first, string? second) =>
        !string.IsNullOrWhiteSpace(first) ? first : !string.IsNullOrWhiteSpace(second) ? second : null;
}
