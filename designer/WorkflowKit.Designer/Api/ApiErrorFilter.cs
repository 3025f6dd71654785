using System.Globalization;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
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
/// Maps the services' exceptions to problem responses: 400, 403, 404, 409, 422 and 429 (an urge sent again too soon,
/// with a <c>Retry-After</c> header in seconds). A refusal about an instance the caller may not read gets the 404 reply
/// of a missing one. A change to a field that the node makes read-only or hidden gets a 422 by field. A rejected delegation also carries its <c>error</c> code and the
/// request <c>field</c> it is about. Anything else reaches
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
        catch (AccessDeniedException error) when (error.NotFoundMessage is not null)
        {
            // The caller may not read the instance, so the reply is the one for a missing object.
            return Results.Problem(error.NotFoundMessage, statusCode: StatusCodes.Status404NotFound);
        }
        catch (AccessDeniedException error)
        {
            return Results.Problem(error.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (NotFoundException error)
        {
            return Results.Problem(error.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (FieldAccessDeniedException error)
        {
            return FieldPermissionProblem(error, context.HttpContext);
        }
        catch (DelegationException error)
        {
            return Results.Problem(error.Message, statusCode: DelegationApi.StatusOf(error.Error),
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
            return Results.Problem(error.Message, statusCode: StatusCodes.Status429TooManyRequests);
        }
        catch (InvalidOperationException error)
            when (error is InstanceActionException or MigrationBlockedException or ScheduleMissingException)
        {
            // The instance's or flow's state rejects the action: someone already acted, the flow allows no withdrawal,
            // a migration would re-run a step, or a run now names a flow without a schedule. The message names the
            // reason and what to do.
            return Results.Problem(error.Message, statusCode: StatusCodes.Status409Conflict);
        }
        catch (ConcurrencyConflictException error)
        {
            return Results.Problem(error.Message, statusCode: StatusCodes.Status409Conflict,
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
                statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        catch (InvalidInputException error) when (error.TextFormat == RecordService.UnknownFormText)
        {
            return Results.Problem(error.Message, statusCode: StatusCodes.Status404NotFound);
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
        var chinese = UserContext.FromPrincipal(context.User)?.Culture.StartsWith("zh", StringComparison.Ordinal) == true;
        var message = chinese && denied.ChineseMessage is { } translated ? translated : denied.Message;
        return Results.ValidationProblem(
            new Dictionary<string, string[]> { [denied.FieldId ?? string.Empty] = [message] },
            detail: message,
            statusCode: StatusCodes.Status422UnprocessableEntity);
    }
}
