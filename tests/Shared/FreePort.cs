using System.Net;
using System.Net.Sockets;

namespace Ml.Cnn.Tests.Shared;

/// <summary>A TCP port nothing listens on at the moment (the system picks it), for process-group rendezvous in tests.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
