using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace WorkflowKit.DesignerBench;

/// <summary>
/// The whole designer (pages, circuits, static files) on Kestrel at a free 127.0.0.1 port, in this process, with a
/// fresh SQLite file in the work directory, the repository's built-in templates and the demo accounts, without the
/// sample data. It runs in the Production environment, as an installed designer does.
/// </summary>
public sealed class DesignerHost : WebApplicationFactory<Program>
{
    private readonly string _folder;

    public DesignerHost(string workDirectory)
    {
        var repository = RepositoryRoot();

        // WebApplicationFactory finds the content root of a test project's app by itself, but not of this program's.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_WORKFLOWKIT_DESIGNER",
            Path.Combine(repository, "designer", "WorkflowKit.Designer"));
        _folder = Path.Combine(workDirectory, "designer-open");
        Templates = Path.Combine(repository, "definitions", "templates");
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        Directory.CreateDirectory(_folder);
        Port = FreePort();
        UseKestrel(options => options.Listen(IPAddress.Loopback, Port));
    }

    public int Port { get; }

    /// <summary>The repository's built-in templates folder, which the designer imports at start.</summary>
    public string Templates { get; }

    public Uri RootUri => new($"http://127.0.0.1:{Port}/");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("WorkflowKit:Storage:ConnectionString", Path.Combine(_folder, "designer.db"));
        builder.UseSetting("WorkflowKit:TemplatesPath", Templates);
        builder.UseSetting("WorkflowKit:SampleData", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WorkflowKit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException(
            $"WorkflowKit.sln not found above {AppContext.BaseDirectory}; build and run the program inside the repository.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
