using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ml.Cnn.Cli;

/// <summary>
/// <c>mlcnn train --nproc-per-node K</c>: starts K copies of this command as ranks 0..K-1 of one training on 127.0.0.1
/// (a free port unless --master-port is given), as torchrun does; rank 0's stdout becomes this process's, every rank's
/// stderr is passed on (ranks above 0 prefixed with <c>[rank R]</c>). When a rank fails, the others are stopped; the exit
/// code is the first failing rank's, else 0.
/// </summary>
internal static class LocalWorkers
{
    /// <summary>Runs the ranks to their end.</summary>
    /// <param name="arguments">The command line without --nproc-per-node and its value (starting with "train").</param>
    /// <param name="processes">K.</param>
    /// <param name="port">The rendezvous port, or null for a free one.</param>
    /// <param name="stdout">Where rank 0's stdout goes.</param>
    /// <param name="stderr">Where every rank's stderr goes.</param>
    public static int Run(IReadOnlyList<string> arguments, int processes, int? port, TextWriter stdout, TextWriter stderr)
    {
        var rendezvous = port ?? FreePort();
        stderr.WriteLine($"mlcnn: starting {processes} processes (ranks 0-{processes - 1}) meeting at 127.0.0.1:{rendezvous}");
        var gate = new object();
        var workers = Enumerable.Range(0, processes).Select(rank =>
        {
            var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") info.ArgumentList.Add(typeof(LocalWorkers).Assembly.Location);
            foreach (var a in arguments) info.ArgumentList.Add(a);
            foreach (var a in new[] { "--world-size", processes.ToString(CultureInfo.InvariantCulture), "--rank", rank.ToString(CultureInfo.InvariantCulture),
                         "--master-addr", "127.0.0.1", "--master-port", rendezvous.ToString(CultureInfo.InvariantCulture) })
                info.ArgumentList.Add(a);
            var process = Process.Start(info)!;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null || rank != 0) return;
                lock (gate) stdout.WriteLine(e.Data);
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (gate) stderr.WriteLine(rank == 0 ? e.Data : $"[rank {rank}] {e.Data}");
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }).ToList();
        // Ctrl+C reaches every rank (same terminal); the launcher stays to pass on their output and exit codes.
        ConsoleCancelEventHandler keep = (_, e) => e.Cancel = true;
        Console.CancelKeyPress += keep;
        try
        {
            var code = 0;
            var running = new List<Process>(workers);
            while (running.Count > 0)
            {
                var ended = running.FirstOrDefault(p => p.HasExited);
                if (ended is null)
                {
                    Thread.Sleep(100);
                    continue;
                }
                ended.WaitForExit();
                running.Remove(ended);
                if (ended.ExitCode != 0 && code == 0)
                {
                    code = ended.ExitCode;
                    lock (gate) stderr.WriteLine($"mlcnn: rank {workers.IndexOf(ended)} exited with code {ended.ExitCode}; stopping the other ranks");
                    foreach (var other in running) other.Kill(entireProcessTree: true);
                }
            }
            return code;
        }
        finally
        {
            Console.CancelKeyPress -= keep;
            foreach (var worker in workers)
            {
                if (!worker.HasExited) worker.Kill(entireProcessTree: true);
                worker.Dispose();
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
