namespace WorkflowKit.Designer.Api;

/// <summary>Checks the <c>offset</c> and <c>limit</c> query values of a list endpoint before it reads anything.</summary>
internal static class ApiPaging
{
    /// <summary>
    /// Returns a 400 problem naming the parameter and its range when <paramref name="offset"/> is below 0 or
    /// <paramref name="limit"/> is outside 1 to <paramref name="maxLimit"/>, and null when both are absent or in range.
    /// <paramref name="items"/> is the plural noun for the listed items ("records"), and <paramref name="limitHint"/> is
    /// appended to the limit's message.
    /// </summary>
    public static IResult? Check(int? offset, int? limit, int maxLimit, string items, string limitHint = "")
    {
        if (offset is < 0)
        {
            return Results.Problem(
                $"The offset must be 0 or more, got {offset}; it is the number of {items} to skip.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        if (limit is < 1 || limit > maxLimit)
        {
            return Results.Problem(
                $"The limit must be 1 to {maxLimit}, got {limit}; it is the number of {items} per page.{limitHint}",
                statusCode: StatusCodes.Status400BadRequest);
        }

        return null;
    }
}
