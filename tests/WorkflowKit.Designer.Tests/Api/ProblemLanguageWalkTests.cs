using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// Walks every operation of the OpenAPI document as Chinese callers, against a designer on 127.0.0.1, with unknown ids
/// in the path, query values of the wrong type, bodies that are not JSON, of the wrong type, with an unknown property
/// or empty, bodies sent as text/plain, and without the role or without signing in. Every problem reply must have a
/// title and a detail with Chinese text. Endpoints added later are walked too, because the list comes from the document.
/// </summary>
[TestFixture]
public sealed partial class ProblemLanguageWalkTests
{
    private static readonly string[] Bodies = ["{", "[]", """{"noSuchProperty": 1}""", "{}", """{"id": [1"""];

    [Test]
    public async Task Every_problem_reply_is_chinese()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        using var staff = await LoopbackClients.ForAsync(factory, "sales1");
        using var admin = await LoopbackClients.ForAsync(factory, "admin");
        using var anonymous = new HttpClient { BaseAddress = factory.RootUri };
        anonymous.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9");
        var document = (await admin.GetFromJsonAsync<JsonObject>("/api/openapi/v1.json"))!;
        var failures = new List<string>();
        var problems = 0;

        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var path = Fill(template, operation!);
                var hasBody = operation!["requestBody"] is not null;
                var requests = new List<(HttpClient Client, string Caller, string Path, string? Body, string? Type)>
                {
                    (anonymous, "anonymous", path, null, null),
                    (staff, "sales1", path, null, null),
                    (admin, "admin", path, null, null),
                    (admin, "admin", WithBadQuery(path, operation), null, null),
                };
                if (hasBody)
                {
                    foreach (var caller in new[] { (staff, "sales1"), (admin, "admin") })
                    {
                        requests.AddRange(Bodies.Select(body =>
                            (caller.Item1, caller.Item2, path, (string?)body, (string?)"application/json")));
                        requests.Add((caller.Item1, caller.Item2, path, "plain", "text/plain"));
                    }
                }

                foreach (var request in requests)
                {
                    var label = $"{method.ToUpperInvariant()} {request.Path} as {request.Caller}" +
                                (request.Body is null ? string.Empty : $" with {request.Type} {request.Body}");
                    var reply = await SendAsync(request.Client, method, request.Path, request.Body, request.Type);
                    if (reply.Status < 400)
                    {
                        continue;
                    }

                    problems++;
                    var problem = reply.Problem;
                    if (problem is null)
                    {
                        failures.Add($"{label}: {reply.Status} without a problem body");
                        continue;
                    }

                    if (reply.Status >= 500)
                    {
                        failures.Add($"{label}: {reply.Status} {problem.ToJsonString()}");
                    }

                    foreach (var member in new[] { "title", "detail" })
                    {
                        var text = (string?)problem[member];
                        if (text is null || !HasChinese(text))
                        {
                            failures.Add($"{label}: {reply.Status} {member} \"{text}\" (code {problem["code"]})");
                        }
                    }
                }
            }
        }

        Assert.That(problems, Is.GreaterThan(100), "the walk met too few problem replies to check anything");
        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// Puts an id that names nothing into each path parameter: a large number where the parameter is an integer, and a
    /// word that no definition, task or instance has elsewhere.
    /// </summary>
    private static string Fill(string template, JsonNode operation)
    {
        var integers = (operation["parameters"]?.AsArray() ?? [])
            .Where(parameter => (string?)parameter!["in"] == "path"
                                && (string?)parameter["schema"]?["type"] is "integer" or "number")
            .Select(parameter => (string)parameter!["name"]!)
            .ToHashSet(StringComparer.Ordinal);
        return PathParameter().Replace(template, match =>
            match.Groups["name"].Value == "kind" ? "flows"
            : integers.Contains(match.Groups["name"].Value) ? "987654" : "nosuch");
    }

    /// <summary>Adds every query parameter of the operation with a value that is no number, date or known word.</summary>
    private static string WithBadQuery(string path, JsonNode operation)
    {
        var names = (operation["parameters"]?.AsArray() ?? [])
            .Where(parameter => (string?)parameter!["in"] == "query")
            .Select(parameter => (string)parameter!["name"]!)
            .ToList();
        return names.Count == 0 ? path + "?culture=zh-CN" : path + "?" + string.Join("&", names.Select(name => name + "=%E2%9C%97x"));
    }

    private static bool HasChinese(string text) => text.Any(character => character is >= '\u4e00' and <= '\u9fff');

    private static async Task<(int Status, JsonObject? Problem)> SendAsync(
        HttpClient client, string method, string path, string? body, string? mediaType)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(mediaType!));
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var isProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        return ((int)response.StatusCode, isProblem ? JsonNode.Parse(text)?.AsObject() : null);
    }

    [GeneratedRegex(@"\{(?<name>[^}:]+)(:[^}]*)?\}")]
    private static partial Regex PathParameter();
}
