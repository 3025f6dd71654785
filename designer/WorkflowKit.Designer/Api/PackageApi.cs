using Microsoft.AspNetCore.Http.Features;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Definitions.Validation;
using WorkflowKit.Designer.Admin;
using WorkflowKit.Designer.Hosting;
using WorkflowKit.Designer.Records;
using Diagnostic = WorkflowKit.Definitions.Diagnostics.Diagnostic;

namespace WorkflowKit.Designer.Api;

/// <summary>
/// Handlers of <c>/api/packages</c>: an administrator uploads a template package as a .zip file (see
/// <see cref="PackageArchive"/> for the accepted layout) to preview it or to import it, through the same validation
/// and import as the admin page.
/// </summary>
internal static class PackageApi
{
    // The largest package archive plus room for the multipart headers and the other form fields.
    private const long MaxRequestBytes = PackageArchiveText.MaxArchiveBytes + 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var packages = api.MapGroup("/packages").WithTags("Packages").RequireAuthorization(Policies.Admin);
        packages.MapPost("/preview", PreviewAsync)
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<PackagePreviewReply>()
            .ProducesProblems(
                StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status422UnprocessableEntity);
        packages.MapPost("/", ImportAsync)
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<PackageImportReply>()
            .ProducesProblems(
                StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict,
                StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>
    /// Validates the uploaded package and compares it with the store, writing nothing: the changes an import would
    /// make and every diagnostic, each naming its entry in the archive and its JSON path.
    /// </summary>
    private static async Task<IResult> PreviewAsync(
        HttpContext context, PackagePreviews previews, CancellationToken ct)
    {
        var text = PackageUploadMessages.For(ApiEndpoints.Current(context));
        var (upload, problem) = await ReadUploadAsync(context, text, ct);
        if (problem is not null)
        {
            return problem;
        }

        using var extracted = await ExtractAsync(upload!, text, ct);
        if (extracted.Problem is not null)
        {
            return extracted.Problem;
        }

        var package = extracted.Package!;
        var report = await DefinitionValidator.ValidatePackageAsync(package.Folder, ct);
        var changes = await previews.ListChangesAsync(report, ct);
        return Results.Ok(new PackagePreviewReply(
            report.Package?.Key,
            report.HasErrors,
            [.. changes.Select(change => new PackageChangeReply(change.Kind, change.Key, change.Change, change.Conflict))],
            [.. report.Diagnostics.Select(diagnostic => PackageDiagnosticReply.Of(diagnostic, package))]));
    }

    /// <summary>
    /// Imports the uploaded package in one transaction, as the admin page does. Optional form fields or query
    /// parameters: <c>replace</c> (repeatable, <c>kind:key</c>) publishes the package's content over a newer version
    /// that the package did not publish, and <c>keepNewer=true</c> keeps every such version. Without either, such a
    /// version gets a 409 and nothing is written.
    /// </summary>
    private static async Task<IResult> ImportAsync(
        HttpContext context, RecordSetup records, CancellationToken ct)
    {
        var user = ApiEndpoints.Current(context);
        var text = PackageUploadMessages.For(user);
        var (upload, problem) = await ReadUploadAsync(context, text, ct);
        if (problem is not null)
        {
            return problem;
        }

        using var extracted = await ExtractAsync(upload!, text, ct);
        if (extracted.Problem is not null)
        {
            return extracted.Problem;
        }

        var options = new PackageImportOptions
        {
            KeepNewer = IsTrue(upload!.Form["keepNewer"]) || IsTrue(context.Request.Query["keepNewer"]),
            Replace = upload.Form["replace"].Concat(context.Request.Query["replace"])
                .OfType<string>().Where(value => value.Length > 0).ToHashSet(StringComparer.Ordinal),
        };
        var package = extracted.Package!;
        try
        {
            var result = await records.ImportPackageAsync(package.Folder, user.Id, options, ct);
            return Results.Ok(new PackageImportReply(result.PackageKey, result.Published, result.Unchanged, result.Kept));
        }
        catch (DefinitionValidationException refused)
        {
            var diagnostics = refused.Diagnostics.Select(diagnostic => PackageDiagnosticReply.Of(diagnostic, package))
                .ToList();
            return Results.Problem(
                text.Invalid(diagnostics.Count(diagnostic => diagnostic.Severity == "error")),
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["diagnostics"] = diagnostics });
        }
        catch (PackageConflictException conflict)
        {
            return Results.Problem(
                text.Conflicts(conflict.Message, conflict.Conflicts.Count),
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["conflicts"] = conflict.Conflicts });
        }
    }

    private static bool IsTrue(string? value) => bool.TryParse(value, out var parsed) && parsed;

    private sealed record Upload(IFormFile File, IFormCollection Form);

    private static async Task<(Upload? Upload, IResult? Problem)> ReadUploadAsync(
        HttpContext context, PackageUploadMessages text, CancellationToken ct)
    {
        if (context.Request.ContentLength > MaxRequestBytes)
        {
            return (null, TooLarge(text));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxRequestBytes;
        }

        if (!context.Request.HasFormContentType)
        {
            return (null, BadRequest(text.NotMultipart()));
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(text));
        }
        catch (InvalidDataException error)
        {
            return (null, BadRequest(text.UnreadableMultipart(error.Message)));
        }

        if (form.Files.Count != 1 || form.Files[0].Name != "file")
        {
            return (null, BadRequest(form.Files.Count > 1 ? text.NeedsOneFile(form.Files.Count) : text.NotMultipart()));
        }

        return (new Upload(form.Files[0], form), null);
    }

    private sealed class Extraction(ExtractedPackage? package, IResult? problem) : IDisposable
    {
        public ExtractedPackage? Package { get; } = package;

        public IResult? Problem { get; } = problem;

        public void Dispose() => Package?.Dispose();
    }

    private static async Task<Extraction> ExtractAsync(Upload upload, PackageUploadMessages text, CancellationToken ct)
    {
        var name = string.IsNullOrWhiteSpace(upload.File.FileName) ? "package.zip" : Path.GetFileName(upload.File.FileName);
        try
        {
            await using var stream = upload.File.OpenReadStream();
            return new Extraction(await PackageArchive.ExtractAsync(stream, name, ct), null);
        }
        catch (PackageArchiveException rejected)
        {
            return new Extraction(null, Results.Problem(
                PackageArchiveText.Describe(rejected, text.IsChinese),
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?>
                {
                    ["problem"] = rejected.Problem.ToString(),
                    ["entry"] = rejected.Entry,
                }));
        }
    }

    private static IResult TooLarge(PackageUploadMessages text) => Results.Problem(
        text.TooLarge(MaxRequestBytes),
        statusCode: StatusCodes.Status413PayloadTooLarge,
        extensions: new Dictionary<string, object?> { ["maxRequestBytes"] = MaxRequestBytes });

    private static IResult BadRequest(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>What an upload preview found: the package key, whether it has errors, the changes and diagnostics.</summary>
    public sealed record PackagePreviewReply(
        string? PackageKey, bool HasErrors, IReadOnlyList<PackageChangeReply> Changes,
        IReadOnlyList<PackageDiagnosticReply> Diagnostics);

    /// <summary>
    /// One definition of a preview: "New", "Changed" or "Unchanged", and the newer version that the package did not
    /// publish, if any.
    /// </summary>
    public sealed record PackageChangeReply(string Kind, string Key, string Change, PackageConflict? Conflict);

    /// <summary>
    /// A validator finding in an uploaded package: the entry name inside the archive, the JSON pointer, the line and
    /// column (1-based, 0 when unknown), the code and the message.
    /// </summary>
    public sealed record PackageDiagnosticReply(
        string File, string Pointer, int Line, int Column, string Code, string Severity, string Message)
    {
        public static PackageDiagnosticReply Of(Diagnostic diagnostic, ExtractedPackage package) => new(
            package.EntryOf(diagnostic.File), diagnostic.Pointer, diagnostic.Line, diagnostic.Column, diagnostic.Code,
            diagnostic.IsError ? "error" : "warning", diagnostic.Message);
    }

    /// <summary>What an import published, left unchanged and kept.</summary>
    public sealed record PackageImportReply(
        string PackageKey, IReadOnlyList<DefinitionVersionInfoWithKey> Published,
        IReadOnlyList<DefinitionVersionInfoWithKey> Unchanged, IReadOnlyList<PackageConflict> Kept);
}
