using System.Globalization;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Records;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Delegations;
using WorkflowKit.Runtime.Delegations;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Migration;
using WorkflowKit.Runtime.Schedules;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Api;

/// <summary>
/// Maps the services' exceptions to problem replies through <see cref="ApiProblem"/>, in the caller's language where the
/// error has a Chinese text: 400, 403, 404, 409, 422 and 429 (an urge sent again too soon, with a <c>Retry-After</c>
/// header in seconds). Each reply has a stable <c>code</c> (<see cref="ApiProblemText"/>). A refusal about an instance
/// the caller may not read gets the 404 reply of a missing one. A change to a field that the node makes read-only or
/// hidden gets a 422 by field. A rejected delegation also carries its <c>error</c> code and the request <c>field</c> it
/// is about, and a missing or invalid body property its JSON <c>path</c>. Anything else reaches
/// <see cref="ApiServerError"/> as a 500.
/// </summary>
public sealed class ApiErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (AccessDeniedException error) when (error.InnerException is FieldAccessDeniedException denied)
        {
            return FieldPermissionProblem(denied, context.HttpContext);
        }
        catch (AccessDeniedException error) when (error.NotFound is { } notFound)
        {
            // The caller may not read the instance, so the reply is the one for a missing object.
            return ApiProblem.From(context.HttpContext, StatusCodes.Status404NotFound, notFound);
        }
        catch (AccessDeniedException error)
        {
            return ApiProblem.From(context.HttpContext, StatusCodes.Status403Forbidden, error);
        }
        catch (NotFoundException error)
        {
            return ApiProblem.From(context.HttpContext, StatusCodes.Status404NotFound, error);
        }
        catch (FieldAccessDeniedException error)
        {
            return FieldPermissionProblem(error, context.HttpContext);
        }
        catch (DelegationException error)
        {
            return ApiProblem.Create(context.HttpContext, DelegationApi.StatusOf(error.Error), "delegation-rejected",
                error.Message, DelegationErrorText.Of(error, new UiText { Culture = "zh-CN" }, []),
                extensions: new Dictionary<string, object?>
                {
                    ["error"] = error.Error.ToString(),
                    ["field"] = error.Field,
                    ["conflictingId"] = error.Conflicting?.Id,
                });
        }
        catch (InstanceActionException error) when (error.Error == InstanceActionError.UrgedTooRecently)
        {
            var seconds = Math.Max(1, (long)Math.Ceiling(error.RetryAfter?.TotalSeconds ?? 1));
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return ApiProblem.Create(context.HttpContext, StatusCodes.Status429TooManyRequests,
                ApiProblemText.CodeOf(error.Error), error.Message, ApiProblemText.Chinese(error, seconds));
        }
        catch (InstanceActionException error)
        {
            // The instance's state or its flow's settings reject the action: someone already acted, or the flow allows
            // no withdrawal. The message names the reason and what to do.
            return ApiProblem.Create(context.HttpContext, StatusCodes.Status409Conflict,
                ApiProblemText.CodeOf(error.Error), error.Message, ApiProblemText.Chinese(error, retryAfterSeconds: 0));
        }
        catch (InvalidOperationException error) when (error is MigrationBlockedException or ScheduleMissingException)
        {
            // A migration would re-run a step, or a run now names a flow without a schedule.
            return ApiProblem.Create(context.HttpContext, StatusCodes.Status409Conflict,
                error is MigrationBlockedException ? "migration-blocked" : "schedule-missing", error.Message,
                ApiProblemText.Chinese(error));
        }
        catch (ConcurrencyConflictException error)
        {
            var (code, chinese) = ApiProblemText.Describe(error);
            return ApiProblem.Create(context.HttpContext, StatusCodes.Status409Conflict, code, error.Message, chinese,
                extensions: new Dictionary<string, object?>
                {
                    ["changedBy"] = error.ChangedBy,
                    ["changedAt"] = error.ChangedAt,
                });
        }
        catch (FormValidationException error)
        {
            return Results.ValidationProblem(
                error.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { [ApiProblem.CodeKey] = "validation-failed" });
        }
        catch (InvalidInputException error) when (error.TextFormat == RecordService.UnknownFormText)
        {
            return ApiProblem.Create(context.HttpContext, StatusCodes.Status404NotFound, "form-not-found",
                error.TextFormat, error.TextArguments);
        }
        catch (InvalidInputException error)
        {
            return ApiProblem.From(context.HttpContext, StatusCodes.Status400BadRequest, error,
                error.JsonPath is null ? null : new Dictionary<string, object?> { ["path"] = error.JsonPath });
        }
        catch (TaskActionException error)
        {
            return ApiProblem.Create(context.HttpContext, StatusCodes.Status400BadRequest,
                ApiProblemText.CodeOf(error.Error), WithoutParameterName(error), ApiProblemText.Chinese(error));
        }
        catch (ArgumentException error)
        {
            return Results.Problem(
                ValueTypeWording.Rewrite(WithoutParameterName(error)), statusCode: StatusCodes.Status400BadRequest);
        }
        catch (System.Text.Json.JsonException error)
        {
            return Results.Problem(ValueTypeWording.Rewrite(error.Message), statusCode: StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>
    /// Returns the message of <paramref name="error"/> without the " (Parameter 'name')" suffix that
    /// <see cref="ArgumentException.Message"/> appends, because API callers know no .NET parameter names.
    /// </summary>
    internal static string WithoutParameterName(ArgumentException error)
    {
        var message = error.Message;
        var suffix = $" (Parameter '{error.ParamName}')";
        return !string.IsNullOrEmpty(error.ParamName) && message.EndsWith(suffix, StringComparison.Ordinal)
            ? message[..^suffix.Length]
            : message;
    }

    /// <summary>
    /// Words a change to a field that the node does not let the caller edit as a 422 reply by field, like other form
    /// data that breaks the rules of the form at that node, in the caller's language. The <c>errors</c> key is the field
    /// id, or <c>table.column</c> for a sub-table column.
    /// </summary>
    private static IResult FieldPermissionProblem(FieldAccessDeniedException denied, HttpContext context)
    {
        var chinese = RequestLanguage.CultureOf(context) == "zh-CN";
        var message = chinese && denied.ChineseMessage is { } translated ? translated : denied.Message;
        return Results.ValidationProblem(
            new Dictionary<string, string[]> { [denied.FieldId ?? string.Empty] = [message] },
            detail: message,
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { [ApiProblem.CodeKey] = "field-not-editable" });
    }
}
