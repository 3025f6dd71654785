using System.Net;
using System.Net.Sockets;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>
/// A TCP forwarder on a free 127.0.0.1 port to a database server that the tests started. <see cref="CloseAsync"/>
/// stops listening and cuts every forwarded connection, so that the app meets what a stopped server gives a client:
/// refused connections and broken pooled ones. <see cref="Open"/> listens on the same port again.
/// </summary>
internal sealed class TcpGate : IAsyncDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly List<TcpClient> _connections = [];
    private readonly Lock _gate = new();
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;

    public TcpGate(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public void Open()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        var listener = _listener;
        _accepting = Task.Run(() => AcceptAsync(listener));
    }

    public async Task CloseAsync()
    {
        _listener?.Stop();
        _listener = null;
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        lock (_gate)
        {
            foreach (var connection in _connections)
            {
                // A zero linger time resets the connection, as a server process that exits does. A connection whose
                // relay already ended has a disposed socket, which needs no reset.
                try
                {
                    connection.Client?.LingerState = new LingerOption(true, 0);
                }
                catch (ObjectDisposedException)
                {
                }

                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    public ValueTask DisposeAsync() => new(CloseAsync());

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient incoming;
            try
            {
                incoming = await listener.AcceptTcpClientAsync();
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var outgoing = new TcpClient();
            try
            {
                await outgoing.ConnectAsync(_targetHost, _targetPort);
            }
            catch (SocketException)
            {
                incoming.Dispose();
                outgoing.Dispose();
                continue;
            }

            lock (_gate)
            {
                _connections.Add(incoming);
                _connections.Add(outgoing);
            }

            _ = PumpAsync(incoming, outgoing);
            _ = PumpAsync(outgoing, incoming);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Closing the gate cuts both sides, which ends the copy.
        }

        to.Dispose();
        from.Dispose();
    }
}
