using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>
/// Starts the designer with its own temporary SQLite file and an empty templates folder, either
/// in memory (API tests) or on Kestrel at a free 127.0.0.1 port (browser tests).
/// </summary>
public sealed class DesignerAppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wk-designer-" + Guid.NewGuid().ToString("N"));

    public DesignerAppFactory(bool kestrel = false)
    {
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
        builder.UseSetting("WorkflowKit:TemplatesPath", Path.Combine(_folder, "templates"));
        builder.UseEnvironment("Development");
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
