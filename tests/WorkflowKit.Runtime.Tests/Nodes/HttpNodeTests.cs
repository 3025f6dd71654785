using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Hosting;
using WorkflowKit.Runtime.Incidents;

namespace WorkflowKit.Runtime.Tests.Nodes;

/// <summary>HTTP node URL placeholders, the reply size limit, the allowed hosts and redirects.</summary>
public sealed class HttpNodeTests
{
    private const string Title = "a/b?c&d e 华东";

    // Title percent-encoded per RFC 3986, the Chinese characters as UTF-8 bytes.
    private const string EncodedTitle = "a%2Fb%3Fc%26d%20e%20%E5%8D%8E%E4%B8%9C";

    private const string FixIt = ". Fix the receiver or the node, then retry the incident.";

    [Test]
    public async Task Url_Placeholders_AreEncoded()
    {
        await using var server = new TestHttpServer();
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("call")
            .Start()
            .Script("prep", "vars.code = 'A&B=1'")
            .Node("call", NodeTypes.Http, node =>
            {
                node.Url = server.BaseUrl + "ok/{{form.title}}?customer={{form.title}}&n={{form.count}}" +
                    "&code={{vars.code}}&empty={{form.missing}}";
                node.ResultVariable = "erp";
            })
            .End()
            .Chain("start", "prep", "call", "end"));
        var instance = await fx.StartAsync("call", form: $$"""{"title": "{{Title}}", "count": 12}""");

        await fx.RunDueWorkAsync();

        await fx.InstanceEndedWithAsync(instance.Id, "end");
        var (method, rawUrl) = server.Targets.Single();
        Assert.That(method, Is.EqualTo("GET"));
        Assert.That(rawUrl, Is.EqualTo($"/ok/{EncodedTitle}?customer={EncodedTitle}&n=12&code=A%26B%3D1&empty="));
    }

    [Test]
    public async Task Url_UnknownPlaceholder_RaisesIncident()
    {
        await using var server = new TestHttpServer();
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("call")
            .Start()
            .Node("call", NodeTypes.Http, node => node.Url = server.BaseUrl + "erp?customer={{customer}}")
            .End()
            .Chain("start", "call", "end"));

        var instance = await fx.StartAsync("call");
        await fx.RunDueWorkAsync();

        var incident = (await fx.InstanceAsync(instance.Id)).Incidents.Single();
        Assert.That(incident.Kind, Is.EqualTo(IncidentKinds.Definition));
        Assert.That(incident.Message, Is.EqualTo(
            "HTTP node 'call': the URL placeholder \"{{customer}}\" is not {{form.FIELD}} or {{vars.NAME}}. " +
            "Correct the URL in the flow and publish it again."));
        Assert.That(server.Requests, Is.Zero);
    }

    [Test]
    public async Task Reply_OverDefaultLimit_RaisesIncident()
    {
        const long replyBytes = 64L * 1024 * 1024;
        var written = new long[1];
        await using var server = new TestHttpServer { Responder = context => StreamAsync(context, replyBytes, written) };
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(CallFlow(server.BaseUrl + "big"));

        var instance = await fx.StartAsync("call");
        await fx.RunDueWorkAsync();

        var detail = await fx.InstanceAsync(instance.Id);
        var incident = detail.Incidents.Single();
        Assert.That(incident.Kind, Is.EqualTo(IncidentKinds.Http));
        Assert.That(incident.Message, Is.EqualTo(
            $"HTTP node 'call': GET {server.BaseUrl}big failed after 1 attempt(s): the reply from host \"127.0.0.1\" " +
            "is larger than the limit of 1048576 bytes (EngineOptions.MaxHttpReplyBytes), so none of it was stored. " +
            "Make the receiver send less, or raise the limit" + FixIt));
        Assert.That(detail.Instance.Variables.ContainsKey("erp"), Is.False);
        Assert.That(server.Requests, Is.EqualTo(1), "a reply over the limit is not fetched again");
        TestContext.Out.WriteLine($"The receiver wrote {Interlocked.Read(ref written[0])} of {replyBytes} bytes.");
        Assert.That(Interlocked.Read(ref written[0]), Is.LessThan(replyBytes), "the engine stopped reading");
    }

    [TestCase(1000, false, true)]
    [TestCase(1001, false, false)]
    [TestCase(1000, true, true)]
    [TestCase(1001, true, false)]
    public async Task Reply_AtLimit_Stored(int replyBytes, bool declareLength, bool stored)
    {
        var text = "\"" + new string('x', replyBytes - 2) + "\"";
        await using var server = new TestHttpServer
        {
            Responder = async context =>
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                context.Response.ContentType = "application/json";
                context.Response.SendChunked = !declareLength;
                if (declareLength)
                {
                    context.Response.ContentLength64 = bytes.Length;
                }

                await context.Response.OutputStream.WriteAsync(bytes);
            },
        };
        await using var fx = await EngineFixture.CreateAsync(configure: fixture => fixture.Options.MaxHttpReplyBytes = 1000);
        fx.Publish(CallFlow(server.BaseUrl + "erp"));

        var instance = await fx.StartAsync("call");
        await fx.RunDueWorkAsync();

        var detail = await fx.InstanceAsync(instance.Id);
        if (stored)
        {
            Assert.That(detail.Incidents, Is.Empty);
            Assert.That(detail.Instance.Variables["erp"]!["body"]!.GetValue<string>(), Has.Length.EqualTo(replyBytes - 2));
        }
        else
        {
            Assert.That(detail.Incidents.Single().Message, Does.Contain("larger than the limit of 1000 bytes"));
            Assert.That(detail.Instance.Variables.ContainsKey("erp"), Is.False);
        }
    }

    [TestCase("127.0.0.1", true)]
    [TestCase("127.0.0.1:{port}", true)]
    [TestCase("*", true)]
    [TestCase("127.0.0.1:1", false)]
    [TestCase("localhost", false)]
    [TestCase("127.0.0.10", false)]
    public async Task Host_CheckedAgainstList(string entry, bool allowed)
    {
        await using var server = new TestHttpServer();
        var port = new Uri(server.BaseUrl).Port;
        await using var fx = await EngineFixture.CreateAsync(configure: fixture =>
            fixture.Options.HttpAllowedHosts = [entry.Replace("{port}", $"{port}", StringComparison.Ordinal)]);
        fx.Publish(CallFlow(server.BaseUrl + "erp"));

        var instance = await fx.StartAsync("call");
        await fx.RunDueWorkAsync();

        var detail = await fx.InstanceAsync(instance.Id);
        Assert.That(server.Requests, Is.EqualTo(allowed ? 1 : 0));
        if (allowed)
        {
            await fx.InstanceEndedWithAsync(instance.Id, "end");
            return;
        }

        Assert.That(detail.Incidents.Single().Message, Is.EqualTo(
            $"HTTP node 'call': GET {server.BaseUrl}erp failed after 1 attempt(s): host \"127.0.0.1\" is not in " +
            "EngineOptions.HttpAllowedHosts (setting WorkflowKit:Engine:HttpAllowedHosts), so the call was not sent. " +
            "An administrator can add the host to that list if flows may call it" + FixIt));
    }

    [Test]
    public async Task Host_ShortIpv4Form_Normalised()
    {
        var options = new EngineOptions();

        Assert.That(options.HttpAllowedHosts, Is.EqualTo(new[] { "127.0.0.1", "localhost", "[::1]" }));

        await using var server = new TestHttpServer();
        await using var fx = await EngineFixture.CreateAsync();
        var port = new Uri(server.BaseUrl).Port;

        // 127.1 is a short form of 127.0.0.1 that Uri normalises, so the list cannot be bypassed by spelling.
        fx.Publish(CallFlow($"http://127.1:{port}/erp"));
        var instance = await fx.StartAsync("call");
        await fx.RunDueWorkAsync();

        await fx.InstanceEndedWithAsync(instance.Id, "end");
        Assert.That(server.Targets.Single().RawUrl, Is.EqualTo("/erp"));
    }

    [TestCase(303, "GET")]
    [TestCase(302, "GET")]
    [TestCase(307, "POST")]
    [TestCase(308, "POST")]
    public async Task Redirect_SameHost_Followed(int status, string finalMethod)
    {
        await using var server = new TestHttpServer();
        server.Responder = context => RedirectOrReplyAsync(context, status, "/final");
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(CallFlow(server.BaseUrl + "start", body: "({ a: 1 })"));

        var instance = await fx.StartAsync("call");
        await fx.RunDueWorkAsync();

        await fx.InstanceEndedWithAsync(instance.Id, "end");
        Assert.That(server.Targets, Is.EqualTo(new[] { ("POST", "/start"), (finalMethod, "/final") }));
        Assert.That(server.Bodies.Last(), Is.EqualTo(finalMethod == "POST" ? """{"a":1}""" : string.Empty));
        var reply = (await fx.InstanceAsync(instance.Id)).Instance.Variables["erp"]!;
        Assert.That(reply["body"]!["final"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Redirect_OtherHost_NotFollowed()
    {
        await using var server = new TestHttpServer();
        var port = new Uri(server.BaseUrl).Port;
        server.Responder = context => RedirectOrReplyAsync(context, 302, $"http://localhost:{port}/final");
        await using var fx = await EngineFixture.CreateAsync(configure: fixture =>
            fixture.Options.HttpAllowedHosts = ["127.0.0.1"]);
        fx.Publish(CallFlow(server.BaseUrl + "start"));

        var instance = await fx.StartAsync("call");
        await fx.RunDueWorkAsync();

        Assert.That(server.Targets.Select(target => target.RawUrl), Is.EqualTo(new[] { "/start" }));
        Assert.That((await fx.InstanceAsync(instance.Id)).Incidents.Single().Message, Is.EqualTo(
            $"HTTP node 'call': GET {server.BaseUrl}start failed after 1 attempt(s): the receiver redirected to host " +
            "\"localhost\", which is not in EngineOptions.HttpAllowedHosts (setting WorkflowKit:Engine:HttpAllowedHosts), " +
            "so the redirect was not followed. An administrator can add the host to that list if flows may call it" +
            FixIt));
    }

    [Test]
    public async Task Redirect_Loop_Stops()
    {
        await using var server = new TestHttpServer();
        server.Responder = context => RedirectOrReplyAsync(context, 302, "/start");
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(CallFlow(server.BaseUrl + "start"));

        var instance = await fx.StartAsync("call");
        await fx.RunDueWorkAsync();

        Assert.That(server.Requests, Is.EqualTo(6));
        Assert.That((await fx.InstanceAsync(instance.Id)).Incidents.Single().Message, Does.EndWith(
            "the receiver redirected more than 5 times" + FixIt));
    }

    [Test]
    public async Task HostedClient_DoesNotFollowRedirects()
    {
        await using var server = new TestHttpServer();
        server.Responder = context => RedirectOrReplyAsync(context, 302, "/final");
        var services = new ServiceCollection().AddWorkflowKitRuntime();
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(WorkflowEngine.HttpClientName);
        using var response = await client.GetAsync(server.BaseUrl + "start");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        Assert.That(server.Requests, Is.EqualTo(1));
    }

    private static FlowBuilder CallFlow(string url, string? body = null) => new FlowBuilder("call")
        .Start()
        .Node("call", NodeTypes.Http, node =>
        {
            node.Url = url;
            node.Body = body;
            node.ResultVariable = "erp";
        })
        .End()
        .Chain("start", "call", "end");

    private static async Task RedirectOrReplyAsync(HttpListenerContext context, int status, string location)
    {
        if (context.Request.RawUrl == "/start")
        {
            context.Response.StatusCode = status;
            context.Response.AddHeader("Location", location);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.OutputStream.WriteAsync("""{"final": true}"""u8.ToArray());
    }

    /// <summary>Streams <paramref name="bytes"/> spaces in 64 KiB chunks, counting the bytes written before the client closed the connection.</summary>
    private static async Task StreamAsync(HttpListenerContext context, long bytes, long[] written)
    {
        context.Response.ContentType = "application/json";
        context.Response.SendChunked = true;
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)' ');
        for (var sent = 0L; sent < bytes; sent += chunk.Length)
        {
            await context.Response.OutputStream.WriteAsync(chunk);
            Interlocked.Add(ref written[0], chunk.Length);
        }
    }
}
