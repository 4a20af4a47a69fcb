using Ml.Cnn.Engine;
using Ml.Cnn.Model;

namespace Ml.Cnn.Estimators.Tests.Model;

public class PredictionQueueTests
{
    private const string Spec = "conv2d in=1 out=4 kernel=3 padding=1\nrelu\ngap\ndense in=4 out=3";
    private static readonly ImageShape Shape = new(1, 6, 6);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Predicts_what_the_network_predicts(bool batchWaiting)
    {
        using var network = Network.Create(Spec, ComputeDevice.Cpu);
        using var queue = new PredictionQueue(network, Shape, 3) { BatchWaiting = batchWaiting };
        var pixels = Enumerable.Range(0, 4 * 36).Select(i => (byte)(i * 29 % 256)).ToArray();
        var direct = new float[4 * 3];
        network.Predict(pixels, 4, Shape, OutputHead.Softmax, direct);

        var queued = new float[4 * 3];
        queue.Predict(pixels, 4, OutputHead.Softmax, queued);

        Assert.Equal(direct, queued);
        Assert.Equal(1, queue.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_native_error_reaches_the_caller_and_later_calls_go_on(bool batchWaiting)
    {
        using var network = Network.Create("conv2d in=3 out=4 kernel=3\ngap\ndense in=4 out=3", ComputeDevice.Cpu);
        using var wrong = new PredictionQueue(network, Shape, 3) { BatchWaiting = batchWaiting };
        var e = Assert.Throws<CnnNativeException>(() => wrong.Predict(new byte[36], 1, OutputHead.Softmax, new float[3]));
        Assert.Contains("prediction", e.Message);

        var rgb = new ImageShape(3, 6, 6);
        using var right = new PredictionQueue(network, rgb, 3) { BatchWaiting = batchWaiting };
        var outputs = new float[3];
        right.Predict(new byte[rgb.Size], 1, OutputHead.Softmax, outputs);
        Assert.Equal(1.0, outputs.Sum(), 1e-5);
        var again = Assert.Throws<CnnNativeException>(() => wrong.Predict(new byte[36], 1, OutputHead.Softmax, new float[3]));
        Assert.Equal(e.NativeMessage, again.NativeMessage);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void After_dispose_it_refuses_requests(bool batchWaiting)
    {
        using var network = Network.Create(Spec, ComputeDevice.Cpu);
        var queue = new PredictionQueue(network, Shape, 3) { BatchWaiting = batchWaiting };
        queue.Predict(new byte[36], 1, OutputHead.Identity, new float[3]);
        queue.Dispose();

        Assert.Throws<ObjectDisposedException>(() => queue.Predict(new byte[36], 1, OutputHead.Identity, new float[3]));
    }

    [Fact]
    public void Waiting_requests_of_another_head_are_predicted_apart()
    {
        using var network = Network.Create(Spec, ComputeDevice.Cpu);
        using var queue = new PredictionQueue(network, Shape, 3) { BatchWaiting = true };
        var pixels = Enumerable.Range(0, 36).Select(i => (byte)(i * 7)).ToArray();
        var softmax = new float[3];
        var identity = new float[3];
        network.Predict(pixels, 1, Shape, OutputHead.Softmax, softmax);
        network.Predict(pixels, 1, Shape, OutputHead.Identity, identity);

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var threads = Enumerable.Range(0, 6).Select(t => new Thread(() =>
        {
            var head = t % 2 == 0 ? OutputHead.Softmax : OutputHead.Identity;
            var expected = t % 2 == 0 ? softmax : identity;
            var outputs = new float[3];
            for (var i = 0; i < 200; i++)
            {
                queue.Predict(pixels, 1, head, outputs);
                if (outputs.Zip(expected).Any(p => Math.Abs(p.First - p.Second) > 1e-5 * Math.Max(1, Math.Abs(p.Second))))
                    failures.Add($"{head}: {string.Join(", ", outputs)} instead of {string.Join(", ", expected)}");
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
    }
}
