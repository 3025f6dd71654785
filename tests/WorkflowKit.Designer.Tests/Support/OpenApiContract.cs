using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>
/// The operations of an OpenAPI document with the response status codes each one lists, to check real replies
/// against: <see cref="Unlisted"/> names a reply whose status its operation does not list.
/// </summary>
internal sealed class OpenApiContract
{
    private readonly List<Operation> _operations;

    private OpenApiContract(List<Operation> operations) => _operations = operations;

    public static OpenApiContract Parse(JsonObject document)
    {
        var operations = new List<Operation>();
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var statuses = operation!["responses"]?.AsObject().Select(response => response.Key).ToHashSet()
                               ?? [];
                operations.Add(new Operation(method.ToUpperInvariant(), template, PathPattern(template), statuses));
            }
        }

        return new OpenApiContract(operations);
    }

    /// <summary>
    /// Returns null when the document lists <paramref name="status"/> for the operation that serves
    /// <paramref name="method"/> <paramref name="path"/>, and otherwise a sentence that names the missing status. Of the
    /// templates that match a path, the one with the most literal segments wins, as in ASP.NET Core routing.
    /// </summary>
    public string? Unlisted(string method, string path, HttpStatusCode status)
    {
        var code = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var operation = _operations
            .Where(candidate => candidate.Method == method && candidate.Pattern.IsMatch(path))
            .OrderByDescending(candidate => candidate.LiteralSegments)
            .FirstOrDefault();
        if (operation is null)
        {
            return $"{method} {path} returned {code}, but the document has no operation for it.";
        }

        return operation.Statuses.Contains(code)
            ? null
            : $"{method} {path} returned {code}, but {method} {operation.Template} lists only " +
              $"{string.Join(", ", operation.Statuses.Order(StringComparer.Ordinal))}.";
    }

    private static Regex PathPattern(string template) =>
        new("^" + Regex.Replace(Regex.Escape(template), @"\\\{[^/]+?}", "[^/]+") + "$", RegexOptions.CultureInvariant);

    private sealed record Operation(string Method, string Template, Regex Pattern, HashSet<string> Statuses)
    {
        public int LiteralSegments { get; } = Template.Split('/').Count(segment => !segment.StartsWith('{'));
    }
}

/// <summary>Records the method, path and status of every reply that passes through it.</summary>
internal sealed class ReplyRecorder : DelegatingHandler
{
    public ReplyRecorder()
        : base(new HttpClientHandler { AllowAutoRedirect = false })
    {
    }

    public ConcurrentQueue<(string Method, string Path, HttpStatusCode Status)> Replies { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        Replies.Enqueue((request.Method.Method, request.RequestUri!.AbsolutePath, response.StatusCode));
        return response;
    }
}
