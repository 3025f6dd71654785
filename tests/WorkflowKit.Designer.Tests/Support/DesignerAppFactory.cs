using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>
/// Starts the designer with its own temporary SQLite file and an empty templates folder, either
/// in memory (API tests) or on Kestrel at a free 127.0.0.1 port (browser tests).
/// </summary>
public sealed class DesignerAppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wk-designer-" + Guid.NewGuid().ToString("N"));

    private readonly string? _templates;

    private readonly IReadOnlyDictionary<string, string> _settings;

    private readonly TimeProvider? _clock;

    private readonly Action<IServiceCollection>? _testServices;

    /// <param name="kestrel">Listen on a free 127.0.0.1 port instead of the in-memory test server.</param>
    /// <param name="templates">Templates folder to import at start; an empty folder when null.</param>
    /// <param name="settings">Configuration that replaces the defaults, such as the storage provider.</param>
    /// <param name="clock">Clock that replaces <see cref="TimeProvider.System"/> for the whole app, engine included.</param>
    /// <param name="testServices">Changes to the app's services after its own, such as a service that fails.</param>
    public DesignerAppFactory(
        bool kestrel = false, string? templates = null, IReadOnlyDictionary<string, string>? settings = null,
        TimeProvider? clock = null, Action<IServiceCollection>? testServices = null)
    {
        _templates = templates;
        _settings = settings ?? new Dictionary<string, string>();
        _clock = clock;
        _testServices = testServices;
        Directory.CreateDirectory(Path.Combine(_folder, "templates"));
        if (kestrel)
        {
            Port = FreePort();
            UseKestrel(options => options.Listen(IPAddress.Loopback, Port));
        }
    }

    public string DatabasePath => Path.Combine(_folder, "designer.db");

    public int Port { get; }

    public Uri RootUri => new($"http://127.0.0.1:{Port}/");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("WorkflowKit:Storage:ConnectionString", DatabasePath);
        builder.UseSetting("WorkflowKit:TemplatesPath", _templates ?? Path.Combine(_folder, "templates"));
        builder.UseEnvironment("Development");

        // Tests own their data; the first-run sample is loaded only by tests that ask for it.
        builder.UseSetting("WorkflowKit:SampleData", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_clock is not null)
        {
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(_clock)));
        }

        if (_testServices is not null)
        {
            builder.ConfigureTestServices(_testServices);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is left for the OS to clean with the temp folder.
            }
        }
    }

    /// <summary>The repository's built-in templates folder.</summary>
    public static string RepositoryTemplates()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WorkflowKit.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(
            directory?.FullName ?? throw new DirectoryNotFoundException("WorkflowKit.sln not found above the tests."),
            "definitions", "templates");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
