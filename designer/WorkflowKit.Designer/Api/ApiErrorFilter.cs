using System.Globalization;
using WorkflowKit.Definitions.Json;
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
/// of a missing one. A rejected delegation also carries its <c>error</c> code and the
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
            return Results.Problem(error.Message, statusCode: StatusCodes.Status403Forbidden);
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
        catch (ArgumentException error)
        {
            return Results.Problem(ValueTypeWording.Rewrite(error.Message), statusCode: StatusCodes.Status400BadRequest);
        }
        catch (System.Text.Json.JsonException error)
        {
            return Results.Problem(ValueTypeWording.Rewrite(error.Message), statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
