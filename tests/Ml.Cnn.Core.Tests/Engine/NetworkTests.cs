using Ml.Cnn.Engine;

namespace Ml.Cnn.Core.Tests.Engine;

public class NetworkTests
{
    // 1x4x4 input -> conv 3x3 -> 2x2x2 -> batch norm -> flatten (8) -> dense 3.
    private const string SmallSpec = "conv2d in=1 out=2 kernel=3\nbatchnorm2d channels=2\nflatten\ndense in=8 out=3";

    [Fact]
    public void Create_BuildsOnTheCpu()
    {
        using var network = Network.Create(SmallSpec, ComputeDevice.Cpu);
        Assert.Equal(ComputeDevice.Cpu, network.Device);
    }

    [Theory]
    [InlineData("conv2d in=1", "line 1", "missing '")]
    [InlineData("conv2d in=1 out=2", "line 1", "missing 'kernel'")]
    [InlineData("flatten\n\nconv2d in=1 out=2", "line 3", "'kernel'")]
    [InlineData("flatten\nbogus size=3", "line 2", "unknown layer kind")]
    [InlineData("relu\ndense in=abc out=2", "line 2", "'in=abc' is not an integer")]
    [InlineData("dense in=2.7 out=2", "line 1", "'in=2.7' is not an integer")]
    [InlineData("dense in=2x out=2", "line 1", "not an integer")]
    [InlineData("dense in=99999999999999999999 out=2", "line 1", "not an integer")]
    [InlineData("dense in=4 out=0", "line 1", "'out' must be at least 1")]
    [InlineData("conv2d in=1 out=2 kernel=3 strde=2", "line 1", "unknown key 'strde'")]
    [InlineData("flatten\nconv2d in=4 out=6 kernel=3 groups=4", "line 2", "groups")]
    [InlineData("dropout p=1.5", "line 1", "'p' must lie in")]
    [InlineData("maxpool2d kernel=0", "line 1", "'kernel' must be at least 1")]
    [InlineData("maxpool2d kernel=2 padding=2", "line 1", "half the kernel")]
    [InlineData("conv2d in=1 out=2 kernel", "line 1", "key=value")]
    public void Create_BadSpecThrowsNamingTheLine(string spec, string line, string problem)
    {
        var e = Assert.Throws<CnnNativeException>(() => Network.Create(spec, ComputeDevice.Cpu));
        Assert.Contains($"layer spec {line}", e.Message);
        Assert.Contains(problem, e.NativeMessage);
        Assert.Equal("building the network", e.Operation);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n ")]
    public void Create_BlankSpecIsRejectedBeforeLibtorch(string spec)
    {
        Assert.Throws<ArgumentException>(() => Network.Create(spec, ComputeDevice.Cpu));
    }

    [Fact]
    public void Forward_GivesOneRowOfLogitsPerImage()
    {
        using var network = Network.Create(SmallSpec, ComputeDevice.Cpu);
        using var input = Tensor.FromArray(Ramp(5 * 16), 5, 1, 4, 4);
        using var output = network.Forward(input);
        Assert.Equal([5L, 3L], output.Shape);
        Assert.All(output.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Forward_WrongInputShapeThrowsLibtorchsMessageAndTheNetworkStillWorks()
    {
        using var network = Network.Create("conv2d in=1 out=2 kernel=3", ComputeDevice.Cpu);
        using var threeChannels = Tensor.FromArray(new float[3 * 5 * 5], 1, 3, 5, 5);

        var e = Assert.Throws<CnnNativeException>(() => network.Forward(threeChannels));
        Assert.Equal("forward pass", e.Operation);
        Assert.Contains("channels", e.NativeMessage);
        Assert.Contains(e.NativeMessage, e.Message);

        using var oneChannel = Tensor.FromArray(new float[5 * 5], 1, 1, 5, 5);
        using var output = network.Forward(oneChannel);
        Assert.Equal([1L, 2L, 3L, 3L], output.Shape);
    }

    [Fact]
    public void Forward_TrainingModeAppliesDropoutAndEvaluationModeDoesNot()
    {
        using var network = Network.Create("dropout p=0.5", ComputeDevice.Cpu);
        var ones = Enumerable.Repeat(1f, 256).ToArray();
        using var input = Tensor.FromArray(ones, 1, 1, 16, 16);

        using var evaluated = network.Forward(input, training: false);
        using var trained = network.Forward(input, training: true);

        Assert.Equal(ones, evaluated.ToArray());
        var values = trained.ToArray();
        Assert.All(values, v => Assert.True(v == 0f || v == 2f, $"dropout output {v}"));
        Assert.Contains(0f, values);
    }

    [Fact]
    public void Create_OtherSeedGivesOtherWeights()
    {
        using var first = Network.Create(SmallSpec, ComputeDevice.Cpu, 42);
        using var other = Network.Create(SmallSpec, ComputeDevice.Cpu, 43);
        using var a = first.GetState("0.weight");
        using var b = other.GetState("0.weight");

        Assert.NotEqual(a.ToArray(), b.ToArray());
    }

    [Fact]
    public void Seed_MakesDropoutMasksRepeatable()
    {
        using var network = Network.Create("dropout p=0.5", ComputeDevice.Cpu);
        using var input = Tensor.FromArray(Enumerable.Repeat(1f, 256).ToArray(), 1, 1, 16, 16);

        float[] Mask(ulong seed)
        {
            network.Seed(seed);
            using var output = network.Forward(input, training: true);
            return output.ToArray();
        }

        var first = Mask(5);
        Assert.Equal(first, Mask(5));
        Assert.NotEqual(first, Mask(6));
    }

    [Fact]
    public void Threads_AppliesDuringTheNetworksCallsOnly()
    {
        using var network = Network.Create(SmallSpec, ComputeDevice.Cpu);
        using var input = Tensor.FromArray(new float[2 * 16], 2, 1, 4, 4);
        var before = Torch.Threads;

        network.Threads = before == 1 ? 2 : 1;
        using var output = network.Forward(input);

        Assert.Equal(before, Torch.Threads);
        Assert.Equal(before == 1 ? 2 : 1, network.Threads);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Threads = 0);
        network.Threads = null;
        Assert.Null(network.Threads);
    }

    [Fact]
    public void TrainStep_NetworksTrainedSideBySideMatchEachTrainedAlone()
    {
        const string spec = "flatten\ndense in=4 out=8\nrelu\ndropout p=0.5\ndense in=8 out=2";
        var (pixels, labels) = LeftOrRightBrightImages(16);
        var target = labels.Select(l => (float)l).ToArray();

        float[] Train(ulong seed)
        {
            using var network = Network.Create(spec, ComputeDevice.Cpu, seed);
            network.Threads = 1;
            network.SetInputPreprocessing(1f / 255, [], []);
            using var optimizer = Optimizer.Adam(network, 0.05);
            using var loss = new LossFunction("ce", [], LossReduction.Mean);
            var outputs = new float[16 * 2];
            for (var step = 0; step < 40; step++)
            {
                network.Seed(seed * 1000 + (ulong)step);
                network.TrainStep(optimizer, loss, pixels, 16, new ImageShape(1, 2, 2), target, 1, [], outputs);
            }
            using var weight = network.GetState("1.weight");
            return weight.ToArray();
        }

        var alone = new[] { Train(1), Train(2) };
        var sideBySide = new float[2][];
        var threads = Enumerable.Range(0, 2).Select(i => new Thread(() => sideBySide[i] = Train((ulong)i + 1))).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();

        Assert.Equal(alone[0], sideBySide[0]);
        Assert.Equal(alone[1], sideBySide[1]);
        Assert.NotEqual(alone[0], alone[1]);
    }

    [Fact]
    public void StateNames_AreParametersThenBuffersWithPyTorchNames()
    {
        using var network = Network.Create(SmallSpec, ComputeDevice.Cpu);
        Assert.Equal(
            ["0.weight", "0.bias", "1.weight", "1.bias", "3.weight", "3.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked"],
            network.StateNames);
    }

    [Fact]
    public void StateNames_OfBlocksUseTheirSubmoduleNames()
    {
        using var network = Network.Create("residual in=2 out=4 stride=2\ndwsep in=4 out=4", ComputeDevice.Cpu);
        var names = network.StateNames;
        Assert.Contains("0.conv1.weight", names);
        Assert.Contains("0.shortcut.0.weight", names);
        Assert.Contains("0.shortcut.1.running_var", names);
        Assert.Contains("1.depthwise.weight", names);
        Assert.Contains("1.bn2.running_mean", names);
        Assert.DoesNotContain("0.conv1.bias", names);
    }

    [Fact]
    public void ParameterCounts_CountWeightsAndRunningStatistics()
    {
        using var network = Network.Create(SmallSpec, ComputeDevice.Cpu);
        // conv 2*1*3*3 + 2, batch norm 2 + 2, dense 8*3 + 3; buffers: running mean 2 + running var 2.
        Assert.Equal((20L + 4L + 27L, 4L), network.ParameterCounts);
    }

    [Fact]
    public void ParameterCounts_WithoutBias()
    {
        using var network = Network.Create("conv2d in=3 out=4 kernel=3 bias=0\ndense in=5 out=2 bias=0", ComputeDevice.Cpu);
        Assert.Equal((4L * 3 * 3 * 3 + 5 * 2, 0L), network.ParameterCounts);
    }

    [Fact]
    public void SetState_ThenGetStateRoundTrips()
    {
        using var network = Network.Create(SmallSpec, ComputeDevice.Cpu);
        var values = Ramp(18);
        using (var value = Tensor.FromArray(values, 2, 1, 3, 3)) network.SetState("0.weight", value);
        using (var mean = Tensor.FromArray([0.25f, -0.5f], 2)) network.SetState("1.running_mean", mean);

        using var weight = network.GetState("0.weight");
        using var runningMean = network.GetState("1.running_mean");
        Assert.Equal([2L, 1L, 3L, 3L], weight.Shape);
        Assert.Equal(values, weight.ToArray());
        Assert.Equal([0.25f, -0.5f], runningMean.ToArray());
    }

    [Fact]
    public void GetState_ReturnsACopy()
    {
        using var network = Network.Create("dense in=2 out=1", ComputeDevice.Cpu);
        using (var bias = Tensor.FromArray([3f], 1)) network.SetState("0.bias", bias);
        using var copy = network.GetState("0.bias");
        using (var other = Tensor.FromArray([-1f], 1)) network.SetState("0.bias", other);
        Assert.Equal([3f], copy.ToArray());
    }

    [Fact]
    public void SetState_WrongShapeThrowsNamingBothShapes()
    {
        using var network = Network.Create(SmallSpec, ComputeDevice.Cpu);
        using var value = Tensor.FromArray(new float[18], 2, 9);
        var e = Assert.Throws<CnnNativeException>(() => network.SetState("0.weight", value));
        Assert.Contains("'0.weight'", e.Message);
        Assert.Contains("[2, 1, 3, 3]", e.NativeMessage);
        Assert.Contains("[2, 9]", e.NativeMessage);
    }

    [Fact]
    public void GetState_UnknownNameThrowsNamingIt()
    {
        using var network = Network.Create(SmallSpec, ComputeDevice.Cpu);
        var e = Assert.Throws<CnnNativeException>(() => network.GetState("7.weight"));
        Assert.Contains("'7.weight'", e.NativeMessage);
    }

    [Fact]
    public void Predict_AppliesInputPreprocessingAndSoftmax()
    {
        using var network = Network.Create(SmallSpec, ComputeDevice.Cpu);
        var shape = new ImageShape(1, 4, 4);
        var pixels = Enumerable.Range(0, 2 * 16).Select(i => (byte)(i * 37 % 256)).ToArray();
        network.SetInputPreprocessing(1f / 255, [0.5f], [0.25f]);

        var probabilities = new float[2 * 3];
        network.Predict(pixels, 2, shape, OutputHead.Softmax, probabilities);

        var normalized = pixels.Select(p => (p * (1f / 255) - 0.5f) / 0.25f).ToArray();
        using var input = Tensor.FromArray(normalized, 2, 1, 4, 4);
        using var logits = network.Forward(input);
        var expected = Softmax(logits.ToArray(), 3);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], probabilities[i], 1e-5);
        Assert.Equal(1.0, probabilities[..3].Sum(), 1e-5);
        Assert.Equal(1.0, probabilities[3..].Sum(), 1e-5);
    }

    [Fact]
    public void Predict_OneImageAtATimeEqualsItsRowOfABatch()
    {
        const string spec = "conv2d in=1 out=8 kernel=3\nrelu\nmaxpool2d kernel=2\nconv2d in=8 out=8 kernel=3 padding=1 groups=2\n"
            + "residual in=8 out=8 stride=1\ndwsep in=8 out=8\nflatten\ndense in=128 out=3";
        using var network = Network.Create(spec, ComputeDevice.Cpu);
        var shape = new ImageShape(1, 10, 10);
        const int count = 5;
        var pixels = Enumerable.Range(0, count * 100).Select(i => (byte)(i * 53 % 256)).ToArray();
        network.SetInputPreprocessing(1f / 255, [], []);

        var batch = new float[count * 3];
        network.Predict(pixels, count, shape, OutputHead.Softmax, batch);

        for (var image = 0; image < count; image++)
        {
            var single = new float[3];
            network.Predict(pixels.AsSpan(image * 100, 100).ToArray(), 1, shape, OutputHead.Softmax, single);
            for (var k = 0; k < 3; k++) Assert.Equal(batch[image * 3 + k], single[k], 1e-6);
        }
    }

    [Fact]
    public void Predict_ChannelCountDifferentFromNormalizationThrows()
    {
        using var network = Network.Create("conv2d in=3 out=2 kernel=1\ngap", ComputeDevice.Cpu);
        network.SetInputPreprocessing(1f, [0f, 0f], [1f, 1f]);
        var e = Assert.Throws<CnnNativeException>(() => network.Predict(new byte[3 * 4], 1, new ImageShape(3, 2, 2), OutputHead.Softmax, new float[2]));
        Assert.Contains("normalization has 2", e.NativeMessage);
    }

    [Fact]
    public void Predict_RejectsABufferOfTheWrongSize()
    {
        using var network = Network.Create("flatten\ndense in=4 out=3", ComputeDevice.Cpu);
        var e = Assert.Throws<CnnNativeException>(() => network.Predict(new byte[4], 1, new ImageShape(1, 2, 2), OutputHead.Softmax, new float[2]));
        Assert.Contains("3 values", e.NativeMessage);
    }

    [Fact]
    public void Predict_RejectsTooFewPixels()
    {
        using var network = Network.Create("flatten\ndense in=4 out=3", ComputeDevice.Cpu);
        Assert.Throws<ArgumentException>(() => network.Predict(new byte[7], 2, new ImageShape(1, 2, 2), OutputHead.Softmax, new float[6]));
    }

    [Fact]
    public void SetInputPreprocessing_RejectsMeanAndStdOfDifferentLengths()
    {
        using var network = Network.Create("flatten", ComputeDevice.Cpu);
        Assert.Throws<ArgumentException>(() => network.SetInputPreprocessing(1f, [0f, 0f], [1f]));
    }

    [Fact]
    public void Predict_AppliesEachHead()
    {
        using var network = Network.Create("flatten\ndense in=4 out=3", ComputeDevice.Cpu);
        var pixels = new byte[] { 10, 200, 30, 90 };
        var shape = new ImageShape(1, 2, 2);
        using var input = Tensor.FromArray(pixels.Select(p => (float)p).ToArray(), 1, 1, 2, 2);
        using var raw = network.Forward(input);
        var logits = raw.ToArray();
        var outputs = new float[3];

        network.Predict(pixels, 1, shape, OutputHead.Identity, outputs);
        for (var i = 0; i < 3; i++) Assert.Equal(logits[i], outputs[i], 1e-4);
        network.Predict(pixels, 1, shape, OutputHead.Sigmoid, outputs);
        for (var i = 0; i < 3; i++) Assert.Equal(1 / (1 + Math.Exp(-logits[i])), outputs[i], 1e-5);
        network.Predict(pixels, 1, shape, OutputHead.L2Normalize, outputs);
        var norm = Math.Sqrt(logits.Sum(v => (double)v * v));
        for (var i = 0; i < 3; i++) Assert.Equal(logits[i] / norm, outputs[i], 1e-5);
    }

    [Fact]
    public void TrainStep_LowersTheLossOnASeparableProblem()
    {
        using var network = Network.Create("flatten\ndense in=4 out=2", ComputeDevice.Cpu, 7);
        using var optimizer = Optimizer.Adam(network, 0.05);
        using var loss = new LossFunction("ce", [], LossReduction.Mean);
        network.SetInputPreprocessing(1f / 255, [], []);
        var (pixels, labels) = LeftOrRightBrightImages(16);
        var target = labels.Select(l => (float)l).ToArray();
        var shape = new ImageShape(1, 2, 2);
        var outputs = new float[16 * 2];

        var first = network.TrainStep(optimizer, loss, pixels, 16, shape, target, 1, [], outputs);
        var last = first;
        for (var step = 1; step < 30; step++) last = network.TrainStep(optimizer, loss, pixels, 16, shape, target, 1, [], outputs);

        Assert.True(float.IsFinite(first));
        Assert.True(last < 0.5f * first, $"loss went from {first} to {last}");
        for (var i = 0; i < 16; i++) Assert.Equal(labels[i], outputs[2 * i + 1] > outputs[2 * i] ? 1 : 0);
    }

    [Fact]
    public void TrainStep_RejectsFewerTargetsThanImages()
    {
        using var network = Network.Create("flatten\ndense in=4 out=2", ComputeDevice.Cpu);
        using var optimizer = Optimizer.Sgd(network, 0.1);
        using var loss = new LossFunction("ce", [], LossReduction.Mean);
        var e = Assert.Throws<ArgumentException>(() =>
            network.TrainStep(optimizer, loss, new byte[8], 2, new ImageShape(1, 2, 2), [0f], 1, [], []));
        Assert.Contains("1 target values for 2 images", e.Message);
    }

    [Fact]
    public void TrainStep_LabelOutOfRangeThrowsAndTrainingContinues()
    {
        using var network = Network.Create("flatten\ndense in=4 out=2", ComputeDevice.Cpu);
        using var optimizer = Optimizer.Sgd(network, 0.1);
        using var loss = new LossFunction("ce", [], LossReduction.Mean);
        var shape = new ImageShape(1, 2, 2);

        var e = Assert.Throws<CnnNativeException>(() => network.TrainStep(optimizer, loss, new byte[8], 2, shape, [0f, 5f], 1, [], []));
        Assert.Equal("training step", e.Operation);
        Assert.Contains("target row 1 holds 5", e.NativeMessage);

        var ok = network.TrainStep(optimizer, loss, new byte[8], 2, shape, [0f, 1f], 1, [1f, 1f], []);
        Assert.True(float.IsFinite(ok));
    }

    [Fact]
    public void TrainStep_NonFiniteLossThrowsAndLeavesTheWeightsUnchanged()
    {
        using var network = Network.Create("flatten\ndense in=4 out=1", ComputeDevice.Cpu);
        using var optimizer = Optimizer.Sgd(network, 0.1);
        using var loss = new LossFunction("mse", [], LossReduction.Mean);
        var shape = new ImageShape(1, 2, 2);
        using var before = network.GetState("1.weight");

        var e = Assert.Throws<CnnNativeException>(() => network.TrainStep(optimizer, loss, new byte[8], 2, shape, [1e30f, 1e30f], 1, [], []));

        Assert.Contains("the loss is infinite", e.NativeMessage);
        using var after = network.GetState("1.weight");
        Assert.Equal(before.ToArray(), after.ToArray());
    }

    internal static float[] Ramp(int count) => Enumerable.Range(0, count).Select(i => MathF.Sin(0.7f * i)).ToArray();

    internal static float[] Softmax(float[] logits, int classes)
    {
        var result = new float[logits.Length];
        for (var row = 0; row < logits.Length / classes; row++)
        {
            var slice = logits.AsSpan(row * classes, classes);
            var max = slice.ToArray().Max();
            var sum = 0.0;
            foreach (var v in slice) sum += Math.Exp(v - max);
            for (var c = 0; c < classes; c++) result[row * classes + c] = (float)(Math.Exp(slice[c] - max) / sum);
        }
        return result;
    }

    // Class 0: the left column is bright; class 1: the right column is bright. Brightness varies per image.
    private static (byte[] Pixels, long[] Labels) LeftOrRightBrightImages(int count)
    {
        var pixels = new byte[count * 4];
        var labels = new long[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = i % 2;
            var bright = (byte)(180 + 5 * i);
            var dark = (byte)(10 + 3 * i);
            var left = labels[i] == 0 ? bright : dark;
            var right = labels[i] == 0 ? dark : bright;
            pixels[i * 4 + 0] = left;
            pixels[i * 4 + 1] = right;
            pixels[i * 4 + 2] = left;
            pixels[i * 4 + 3] = right;
        }
        return (pixels, labels);
    }
}
