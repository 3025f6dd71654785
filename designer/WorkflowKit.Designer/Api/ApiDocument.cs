using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using WorkflowKit.Designer.Accounts;

namespace WorkflowKit.Designer.Api;

/// <summary>
/// Builds the OpenAPI document at <c>/api/openapi/v1.json</c>. The endpoints declare their own replies, and this adds
/// the parts that every endpoint shares. These are the two ways to authenticate and the 401 reply without them, the 403
/// reply when the account lacks an endpoint's role, and the 400 and 415 replies of a request body that cannot be read.
/// The 415 reply names the media types that the operation's body accepts.
/// </summary>
internal static class ApiDocument
{
    /// <summary>The security scheme of an API key in the <c>X-Api-Key</c> header.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>The security scheme of the sign-in cookie that <c>/login</c> sets.</summary>
    public const string CookieScheme = "SignInCookie";

    /// <summary>The name of the sign-in cookie.</summary>
    public const string CookieName = "workflowkit.auth";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer(AddSecuritySchemes);
            options.AddOperationTransformer(AddSharedRepliesAsync);
        });

    private static Task AddSecuritySchemes(
        OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "An API key that an administrator creates at /admin/api-keys. The call runs as the key's user.",
        };
        document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = CookieName,
            Description = "The cookie that signing in at /login sets; used when no X-Api-Key header is sent.",
        };
        return Task.CompletedTask;
    }

    private static async Task AddSharedRepliesAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        operation.Responses ??= new OpenApiResponses();
        if (operation.RequestBody is not null)
        {
            await AddProblemAsync(operation, context, StatusCodes.Status400BadRequest,
                "The request body is not valid JSON, is missing, or has an unknown property or a value of the wrong type.",
                cancellationToken);
            await AddProblemAsync(operation, context, StatusCodes.Status415UnsupportedMediaType,
                UnsupportedMediaTypeDescription(operation.RequestBody), cancellationToken);
        }

        if (authorize.Count == 0 || metadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        await AddProblemAsync(operation, context, StatusCodes.Status401Unauthorized,
            "No X-Api-Key header and no sign-in cookie, or the key is not active.", cancellationToken);
        if (authorize.Any(data => data.Policy is not null || data.Roles is not null))
        {
            await AddProblemAsync(operation, context, StatusCodes.Status403Forbidden,
                "The account lacks the role this endpoint needs.", cancellationToken);
        }

        // Two requirements: either scheme authenticates the call.
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] },
        ];
    }

    /// <summary>
    /// Words the 415 reply of an operation with the media types its request body accepts, such as
    /// <c>multipart/form-data</c> for an upload.
    /// </summary>
    internal static string UnsupportedMediaTypeDescription(IOpenApiRequestBody requestBody)
    {
        var mediaTypes = requestBody.Content?.Keys.ToList() ?? [];
        return mediaTypes.Count == 0
            ? "The request body was sent with a media type that this endpoint does not accept."
            : $"The request body was not sent as {string.Join(" or ", mediaTypes)}.";
    }

    private static async Task AddProblemAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description,
        CancellationToken cancellationToken)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        var schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = schema },
            },
        };
    }
}
