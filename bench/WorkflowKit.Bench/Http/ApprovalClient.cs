using System.Net;
using System.Net.Http.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Bench.Http;

/// <summary>
/// Approves tasks through <c>POST /api/tasks/{id}/actions</c> with the API key of each task's assignee, and
/// counts the responses other than 204 No Content as errors.
/// </summary>
internal sealed class ApprovalClient(HttpClient client, IReadOnlyDictionary<string, string> apiKeys)
{
    private long _errors;

    public Latency Latency { get; } = new();

    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>The first error's status code and body, or exception message.</summary>
    public string? FirstError { get; private set; }

    public async Task ApproveAsync(WorkTask task)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{task.Id}/actions")
            {
                Content = JsonContent.Create(new { action = TaskActions.Approve }),
            };
            request.Headers.Add(ApiKeyAuthenticationHandler.HeaderName, apiKeys[task.Assignee]);
            using var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.NoContent)
            {
                Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }
        catch (HttpRequestException exception)
        {
            Fail(exception.Message);
        }
    }

    private void Fail(string error)
    {
        Interlocked.Increment(ref _errors);
        FirstError ??= error;
    }
}
