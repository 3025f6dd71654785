using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace WorkflowKit.Designer.Tests.Hosting;

/// <summary>
/// Runs the designer as the README does, a separate process from the project folder, in the Production
/// environment that <c>dotnet run</c> uses without a launch profile, and loads every script and style sheet
/// that the sign-in page links.
/// </summary>
[TestFixture]
public sealed partial class ProductionRunTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Test]
    public async Task Production_run_serves_page_assets()
    {
        var folder = Directory.CreateTempSubdirectory("wk-production-run-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "templates"));
        var port = FreePort();
        using var designer = Start(folder, port);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            var page = await WaitForPageAsync(client, designer, "login");
            var assets = AssetPattern().Matches(page).Select(match => match.Groups["path"].Value).ToList();

            Assert.That(assets, Has.Some.StartsWith("_framework/blazor.web"), "Blazor's script is linked");
            Assert.That(assets, Has.Some.StartsWith("_content/MudBlazor/"), "MudBlazor's files are linked");
            foreach (var asset in assets)
            {
                using var response = await client.GetAsync(asset);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), asset);
            }
        }
        finally
        {
            designer.Kill(entireProcessTree: true);
            await designer.WaitForExitAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex("""<(?:link href|script src)="(?<path>[^"]+\.(?:css|js))""")]
    private static partial Regex AssetPattern();

    private static Process Start(string folder, int port)
    {
        var project = Path.Combine(RepositoryRoot(), "designer", "WorkflowKit.Designer");
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var assembly = Path.Combine(project, "bin", configuration, "net10.0", "WorkflowKit.Designer.dll");
        Assert.That(File.Exists(assembly), Is.True, $"the designer's build output {assembly}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     assembly, "--urls", $"http://127.0.0.1:{port}",
                     "--WorkflowKit:Storage:ConnectionString", Path.Combine(folder, "designer.db"),
                     "--WorkflowKit:TemplatesPath", Path.Combine(folder, "templates"),
                     "--WorkflowKit:SampleData", "false",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> WaitForPageAsync(HttpClient client, Process designer, string path)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            Assert.That(designer.HasExited, Is.False, "the designer exited during its start");
            try
            {
                return await client.GetStringAsync(path);
            }
            catch (HttpRequestException) when (watch.Elapsed < StartTimeout)
            {
                await Task.Delay(250);
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WorkflowKit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("WorkflowKit.sln not found above the tests.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
