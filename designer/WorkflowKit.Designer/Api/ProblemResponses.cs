namespace WorkflowKit.Designer.Api;

/// <summary>Endpoint metadata for the problem responses that an API endpoint can return.</summary>
internal static class ProblemResponses
{
    /// <summary>
    /// Declares an <c>application/problem+json</c> response for each status code, in the given order, as one
    /// <c>ProducesProblem</c> call per code would.
    /// </summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(statusCodes);
        foreach (var statusCode in statusCodes)
        {
            builder.ProducesProblem(statusCode);
        }

        return builder;
    }
}
