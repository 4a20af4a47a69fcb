using System.Diagnostics;

namespace Ml.Cnn.Sweeps;

/// <summary>Who runs a trial: the host, the process and the worker slot within it; storage finds trials of dead processes with it.</summary>
/// <param name="Host">The machine's name.</param>
/// <param name="ProcessId">The process id.</param>
/// <param name="Slot">The worker's index within the process.</param>
public sealed record WorkerIdentity(string Host, int ProcessId, int Slot)
{
    /// <summary>The identity of worker <paramref name="slot"/> of this process.</summary>
    /// <param name="slot">The worker's index.</param>
    public static WorkerIdentity Current(int slot) => new(Environment.MachineName, Environment.ProcessId, slot);

    /// <summary>Whether a process of this host with id <paramref name="processId"/> is alive.</summary>
    /// <param name="processId">A process id.</param>
    public static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Host}:{ProcessId}:{Slot}";
}
