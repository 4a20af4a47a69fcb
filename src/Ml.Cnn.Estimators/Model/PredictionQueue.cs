using System.Runtime.ExceptionServices;
using Ml.Cnn.Engine;
using Ml.Cnn.Training;

namespace Ml.Cnn.Model;

/// <summary>
/// Serializes the predictions of one network. By default each call runs on its caller's thread, one at a time. With
/// <see cref="BatchWaiting"/>, calls go to one thread of the queue's own (started on the first such call), which predicts
/// the oldest request together with the waiting requests of the same head, up to <see cref="Prediction.BatchSize"/>
/// images in one native call (each request holds at most that many), and gives each caller its rows. One thread, not the
/// callers': each OS thread that calls libtorch gets an OpenMP team of its own, and more teams than cores slow every call
/// (bench/README.md, "Inference"); a lone caller, on the other hand, is fastest on its own thread.
/// </summary>
internal sealed class PredictionQueue : IDisposable
{
    private readonly Network _network;
    private readonly ImageShape _shape;
    private readonly int _outputs;
    private readonly Queue<Request> _waiting = new();
    private readonly object _queueGate = new();
    private readonly Lock _turn = new();
    private Thread? _thread;
    private volatile bool _disposed;
    private long _calls;

    /// <summary>A queue for one network, its input shape and its output count per image.</summary>
    public PredictionQueue(Network network, ImageShape shape, int outputs)
    {
        _network = network;
        _shape = shape;
        _outputs = outputs;
    }

    /// <summary>Whether calls go to the queue's thread, which predicts waiting requests of the same head in one native call.</summary>
    public bool BatchWaiting { get; set; }

    /// <summary>Native prediction calls made so far.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>The outputs of <paramref name="count"/> images (at most <see cref="Prediction.BatchSize"/>) under <paramref name="head"/>, written into <paramref name="outputs"/>.</summary>
    public void Predict(ReadOnlySpan<byte> pixels, int count, OutputHead head, Span<float> outputs)
    {
        if (!BatchWaiting)
        {
            lock (_turn)
            {
                ObjectDisposedException.ThrowIf(_disposed, typeof(CnnModel));
                Interlocked.Increment(ref _calls);
                _network.Predict(pixels, count, _shape, head, outputs);
            }
            return;
        }
        var request = new Request(pixels.ToArray(), count, head, new float[(long)count * _outputs]);
        lock (_queueGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, typeof(CnnModel));
            _waiting.Enqueue(request);
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "mlcnn prediction" };
                _thread.Start();
            }
            Monitor.Pulse(_queueGate);
        }
        request.Done.Wait();
        request.Done.Dispose();
        request.Error?.Throw();
        request.Outputs.CopyTo(outputs);
    }

    /// <summary>Finishes the queued requests and the call in progress; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        Thread? thread;
        lock (_queueGate)
        {
            _disposed = true;
            thread = _thread;
            Monitor.Pulse(_queueGate);
        }
        thread?.Join();
        lock (_turn) { }
    }

    private void Run()
    {
        var batch = new List<Request>();
        while (Take(batch))
        {
            try
            {
                lock (_turn)
                {
                    Interlocked.Increment(ref _calls);
                    PredictTogether(batch);
                }
            }
            catch (Exception e)
            {
                var error = ExceptionDispatchInfo.Capture(e);
                foreach (var request in batch) request.Error = error;
            }
            foreach (var request in batch) request.Done.Set();
        }
    }

    /// <summary>Waits for a request, then takes it and the waiting ones of its head that fit in one batch; false once disposed and empty.</summary>
    private bool Take(List<Request> batch)
    {
        batch.Clear();
        lock (_queueGate)
        {
            while (_waiting.Count == 0)
            {
                if (_disposed) return false;
                Monitor.Wait(_queueGate);
            }
            var first = _waiting.Dequeue();
            batch.Add(first);
            var images = first.Count;
            while (_waiting.TryPeek(out var next) && next.Head == first.Head && images + next.Count <= Prediction.BatchSize)
            {
                batch.Add(_waiting.Dequeue());
                images += next.Count;
            }
            return true;
        }
    }

    private void PredictTogether(List<Request> batch)
    {
        if (batch.Count == 1)
        {
            _network.Predict(batch[0].Pixels, batch[0].Count, _shape, batch[0].Head, batch[0].Outputs);
            return;
        }
        var images = batch.Sum(r => r.Count);
        var pixels = new byte[(long)images * _shape.Size];
        var outputs = new float[(long)images * _outputs];
        var offset = 0;
        foreach (var request in batch)
        {
            request.Pixels.CopyTo(pixels.AsSpan(offset * _shape.Size));
            offset += request.Count;
        }
        _network.Predict(pixels, images, _shape, batch[0].Head, outputs);
        offset = 0;
        foreach (var request in batch)
        {
            outputs.AsSpan(offset * _outputs, request.Count * _outputs).CopyTo(request.Outputs);
            offset += request.Count;
        }
    }

    private sealed class Request(byte[] pixels, int count, OutputHead head, float[] outputs)
    {
        public byte[] Pixels { get; } = pixels;
        public int Count { get; } = count;
        public OutputHead Head { get; } = head;
        public float[] Outputs { get; } = outputs;
        public ManualResetEventSlim Done { get; } = new();
        public ExceptionDispatchInfo? Error { get; set; }
    }
}
