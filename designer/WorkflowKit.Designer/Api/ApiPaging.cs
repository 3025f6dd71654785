using WorkflowKit.Definitions;

namespace WorkflowKit.Designer.Api;

/// <summary>Checks the <c>offset</c> and <c>limit</c> query values of a list endpoint before it reads anything.</summary>
internal static class ApiPaging
{
    /// <summary>
    /// Returns a 400 problem in the caller's language naming the parameter and its range when <paramref name="offset"/>
    /// is below 0 or <paramref name="limit"/> is outside 1 to <paramref name="maxLimit"/>, and null when both are absent
    /// or in range. <paramref name="items"/> is the plural noun for the listed items ("records"), and
    /// <paramref name="limitHint"/> is appended to the limit's message.
    /// </summary>
    public static IResult? Check(
        HttpContext context, int? offset, int? limit, int maxLimit, LocalizedText items, LocalizedText? limitHint = null)
    {
        if (offset is < 0)
        {
            return ApiProblem.Create(context, StatusCodes.Status400BadRequest, "bad-request",
                "The offset must be 0 or more, got {0}; it is the number of {1} to skip.", [offset, items]);
        }

        if (limit is < 1 || limit > maxLimit)
        {
            return ApiProblem.Create(context, StatusCodes.Status400BadRequest, "bad-request",
                "The limit must be 1 to {0}, got {1}; it is the number of {2} per page.{3}",
                [maxLimit, limit, items, limitHint ?? new LocalizedText(string.Empty)]);
        }

        return null;
    }
}
