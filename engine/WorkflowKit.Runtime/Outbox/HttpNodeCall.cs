using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Runtime.Outbox;

/// <summary>
/// Sends the request of one HTTP node's outbox message. Only hosts of <see cref="EngineOptions.HttpAllowedHosts"/>
/// are called, redirects are followed here (the HTTP client must not follow them itself) so that each target is
/// checked, and at most <see cref="EngineOptions.MaxHttpReplyBytes"/> of the reply body are read.
/// </summary>
internal static class HttpNodeCall
{
    /// <summary>Redirects followed for one call before it fails.</summary>
    public const int MaxRedirects = 5;

    /// <returns>The reply on success; otherwise an error and whether retrying cannot help.</returns>
    public static async Task<(JsonObject? Reply, string? Error, bool Permanent)> SendAsync(
        HttpClient client, EngineOptions options, OutboxRecord message, CancellationToken cancellationToken)
    {
        var payload = message.Payload;
        var method = new HttpMethod(payload["method"]?.GetValue<string>() ?? "POST");
        var url = new Uri(payload["url"]!.GetValue<string>(), UriKind.Absolute);
        var body = payload["body"];
        var firstAuthority = url.Authority;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(payload["timeoutMs"]?.GetValue<long>() ?? 30_000));
        if (!HttpAllowedHosts.Allows(options.HttpAllowedHosts, url))
        {
            return (null, $"host \"{url.Host}\" {NotAllowed}, so the call was not sent. {AddHost}", true);
        }

        for (var redirects = 0; ; redirects++)
        {
            using var request = Request(message, method, url, body, sameAuthority: url.Authority == firstAuthority);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                .ConfigureAwait(false);

            // A client that follows redirects itself has already called the target, so only its reply can be dropped.
            if (response.RequestMessage?.RequestUri is { } answered && answered != url
                && !HttpAllowedHosts.Allows(options.HttpAllowedHosts, answered))
            {
                return (null, $"the call was redirected to host \"{answered.Host}\", which {NotAllowed}. {AddHost}", true);
            }

            if (RedirectTarget(response, url) is { } target)
            {
                if (!HttpAllowedHosts.Allows(options.HttpAllowedHosts, target))
                {
                    return (null, $"the receiver redirected to host \"{target.Host}\", which {NotAllowed}, so the " +
                        $"redirect was not followed. {AddHost}", true);
                }

                if (redirects == MaxRedirects)
                {
                    return (null, $"the receiver redirected more than {MaxRedirects} times", true);
                }

                var status = response.StatusCode;
                if (status == HttpStatusCode.SeeOther
                    || (status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found && method == HttpMethod.Post))
                {
                    (method, body) = (HttpMethod.Get, null);
                }

                url = target;
                continue;
            }

            var code = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                var retryable = code >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
                return (null, $"{code} {response.ReasonPhrase}", !retryable);
            }

            var text = await ReadLimitedAsync(response.Content, options.MaxHttpReplyBytes, timeout.Token).ConfigureAwait(false);
            if (text is null)
            {
                return (null, $"the reply from host \"{url.Host}\" is larger than the limit of " +
                    $"{options.MaxHttpReplyBytes} bytes (EngineOptions.MaxHttpReplyBytes), so none of it was stored. " +
                    "Make the receiver send less, or raise the limit", true);
            }

            return (new JsonObject { ["status"] = code, ["body"] = ParseBody(text, response.Content.Headers.ContentType) },
                null, false);
        }
    }

    private const string NotAllowed =
        "is not in EngineOptions.HttpAllowedHosts (setting WorkflowKit:Engine:HttpAllowedHosts)";

    private const string AddHost = "An administrator can add the host to that list if flows may call it";

    private static HttpRequestMessage Request(OutboxRecord message, HttpMethod method, Uri url, JsonNode? body, bool sameAuthority)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation(WorkflowEngine.IdempotencyHeader, message.IdempotencyKey);
        foreach (var (name, value) in message.Payload["headers"] as JsonObject ?? [])
        {
            // Like HttpClient's own redirects, credentials go only to the host the flow named.
            if (sameAuthority || !string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.TryAddWithoutValidation(name, value?.GetValue<string>());
            }
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <returns>The absolute http or https URL a 301, 302, 303, 307 or 308 reply points to; otherwise null.</returns>
    private static Uri? RedirectTarget(HttpResponseMessage response, Uri url)
    {
        if (response.StatusCode is not (HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
                or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect)
            || response.Headers.Location is not { } location)
        {
            return null;
        }

        var target = location.IsAbsoluteUri ? location : new Uri(url, location);
        return target.Scheme is "http" or "https" ? target : null;
    }

    /// <returns>The body as text, or null when it is longer than <paramref name="limit"/> bytes.</returns>
    private static async Task<string?> ReadLimitedAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit)
        {
            return null;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81_920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            buffer.Position = 0;
            using var reader = new StreamReader(buffer, CharSet(content.Headers.ContentType), detectEncodingFromByteOrderMarks: true);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static Encoding CharSet(MediaTypeHeaderValue? contentType)
    {
        try
        {
            return contentType?.CharSet is { Length: > 0 } name ? Encoding.GetEncoding(name.Trim('"')) : Encoding.UTF8;
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    private static JsonNode? ParseBody(string text, MediaTypeHeaderValue? contentType)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (contentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return text;
            }
        }

        return text;
    }
}
