using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;

namespace Ml.Cnn.Training;

/// <summary>
/// A first-in first-out hand-off between two threads that waits by blocking, never by spinning: the batch producer and
/// the training loop run beside the step's OpenMP threads, which lose time whenever another thread spins on their cores
/// (bench/README.md, "Preemption"; thread-pool continuations and BlockingCollection both spin before they sleep). Holds at
/// most <c>capacity</c> items; once completed, the reader gets the remaining items, then the writer's error if it gave one.
/// </summary>
internal sealed class HandOff<T>(int capacity) where T : class
{
    private readonly Queue<T> _items = new();
    private bool _completed;
    private Exception? _error;

    /// <summary>Adds an item, waiting while the hand-off holds its capacity; throws when <paramref name="cancellation"/> fires.</summary>
    public void Add(T item, CancellationToken cancellation)
    {
        using var wake = cancellation.Register(Wake);
        lock (_items)
        {
            while (_items.Count >= capacity)
            {
                cancellation.ThrowIfCancellationRequested();
                Monitor.Wait(_items);
            }
            _items.Enqueue(item);
            Monitor.PulseAll(_items);
        }
    }

    /// <summary>
    /// The next item, waiting for it; false once completed and empty; throws the writer's error after the last item, or
    /// when <paramref name="cancellation"/> fires.
    /// </summary>
    public bool TryTake([NotNullWhen(true)] out T? item, CancellationToken cancellation = default)
    {
        using var wake = cancellation.Register(Wake);
        lock (_items)
        {
            while (_items.Count == 0 && !_completed)
            {
                cancellation.ThrowIfCancellationRequested();
                Monitor.Wait(_items);
            }
            if (_items.TryDequeue(out item))
            {
                Monitor.PulseAll(_items);
                return true;
            }
            if (_error is { } error) ExceptionDispatchInfo.Capture(error).Throw();
            return false;
        }
    }

    /// <summary>Ends the writing: no more items, and <paramref name="error"/> (when not null) for the reader.</summary>
    public void Complete(Exception? error)
    {
        lock (_items)
        {
            _completed = true;
            _error = error;
            Monitor.PulseAll(_items);
        }
    }

    private void Wake()
    {
        lock (_items) Monitor.PulseAll(_items);
    }
}
