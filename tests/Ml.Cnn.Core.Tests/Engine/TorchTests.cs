using Ml.Cnn.Engine;

namespace Ml.Cnn.Core.Tests.Engine;

public class TorchTests
{
    [Fact]
    public void Version_IsLibtorchOneOrTwo()
    {
        var version = Torch.Version;
        Assert.InRange(version.Major, 1, 2);
        Assert.True(version.Minor >= 0 && version.Build >= 0, $"Unexpected version {version}.");
    }

    [Fact]
    public void Threads_SetThenGetRoundTrips()
    {
        var old = Torch.Threads;
        try
        {
            var other = old == 1 ? 2 : 1;
            Torch.Threads = other;
            Assert.Equal(other, Torch.Threads);
        }
        finally
        {
            Torch.Threads = old;
        }
        Assert.Equal(old, Torch.Threads);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Threads_BelowOneIsRejected(int threads)
    {
        var old = Torch.Threads;
        Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Threads = threads);
        Assert.Equal(old, Torch.Threads);
    }

    [Fact]
    public void CpuHasBFloat16_IsWhatTheKernelReportsForThisCpu()
    {
        // Linux lists the instructions the CPU has and the kernel enabled; avx512_bf16 is AVX-512 BF16.
        var flags = File.ReadLines("/proc/cpuinfo").First(line => line.StartsWith("flags", StringComparison.Ordinal)).Split(' ');
        Assert.Equal(flags.Contains("avx512_bf16"), Torch.CpuHasBFloat16);
    }

    [Fact]
    public void DefaultPrecision_IsBFloat16OnCudaAndOnCpusWithBFloat16Instructions()
    {
        Assert.Equal(TrainingPrecision.BFloat16, Torch.DefaultPrecision(ComputeDevice.Cuda));
        Assert.Equal(Torch.CpuHasBFloat16 ? TrainingPrecision.BFloat16 : TrainingPrecision.Float32, Torch.DefaultPrecision(ComputeDevice.Cpu));
    }

    [Fact]
    public void CudaDeviceCount_IsNotNegative() => Assert.True(Torch.CudaDeviceCount >= 0);

    [Fact]
    public void Resolve_CpuIsCpu() => Assert.Equal(ComputeDevice.Cpu, Torch.Resolve(ComputeDevice.Cpu));

    [Fact]
    public void Resolve_AutoIsCudaExactlyWhenADeviceExists()
    {
        var expected = Torch.CudaDeviceCount > 0 ? ComputeDevice.Cuda : ComputeDevice.Cpu;
        Assert.Equal(expected, Torch.Resolve(ComputeDevice.Auto));
    }

    [Fact]
    public void Resolve_CudaWithoutADeviceThrowsNamingTheFix()
    {
        if (Torch.CudaDeviceCount > 0)
        {
            Assert.Equal(ComputeDevice.Cuda, Torch.Resolve(ComputeDevice.Cuda));
            return;
        }
        var e = Assert.Throws<InvalidOperationException>(() => Torch.Resolve(ComputeDevice.Cuda));
        Assert.Contains("'cpu'", e.Message);
    }

    [Fact]
    public void LiveHandles_ReturnToTheirStartingCountsAfterDispose()
    {
        SettleFinalizers();
        var start = Torch.LiveHandles;

        var input = Tensor.FromArray(new float[8], 2, 4);
        var network = Network.Create("dense in=4 out=3", ComputeDevice.Cpu);
        var optimizer = Optimizer.Adam(network, 0.01);
        var output = network.Forward(input);
        var weight = network.GetState("0.weight");

        var during = Torch.LiveHandles;
        Assert.Equal(start.Tensors + 3, during.Tensors);
        Assert.Equal(start.Networks + 1, during.Networks);
        Assert.Equal(start.Optimizers + 1, during.Optimizers);
        Assert.Equal(start.Total + 5, during.Total);

        weight.Dispose();
        weight.Dispose(); // a second Dispose must not free (or count) twice
        output.Dispose();
        optimizer.Dispose();
        network.Dispose();
        input.Dispose();

        Assert.Equal(start, Torch.LiveHandles);
    }

    [Fact]
    public void LiveHandles_AFailedCallCreatesNoHandle()
    {
        using var network = Network.Create("conv2d in=1 out=2 kernel=3", ComputeDevice.Cpu);
        using var wrong = Tensor.FromArray(new float[3 * 5 * 5], 1, 3, 5, 5);
        SettleFinalizers();
        var start = Torch.LiveHandles;

        Assert.Throws<CnnNativeException>(() => network.Forward(wrong));
        Assert.Throws<CnnNativeException>(() => Network.Create("bogus", ComputeDevice.Cpu));

        Assert.Equal(start, Torch.LiveHandles);
    }

    [Fact]
    public void CpuCache_keeps_freed_training_buffers_within_its_limit()
    {
        var old = Torch.CpuCacheLimit;
        try
        {
            using var network = Network.Create("conv2d in=1 out=8 kernel=3 padding=1\nrelu\ngap\ndense in=8 out=2", ComputeDevice.Cpu);
            network.SetInputPreprocessing(1f / 255, [], []);
            using var optimizer = Optimizer.Create(network, "sgd lr=0.1");
            using var loss = new LossFunction("ce", [], LossReduction.Mean);
            var pixels = new byte[16 * 64 * 64];
            new Random(3).NextBytes(pixels);
            var labels = Enumerable.Range(0, 16).Select(i => (float)(i % 2)).ToArray();
            void Step() => network.TrainStep(optimizer, loss, pixels, 16, new ImageShape(1, 64, 64), labels, 1, [], new float[32]);

            Torch.CpuCacheLimit = 64L << 20;
            Step();
            var kept = Torch.CpuCacheIdleBytes;
            Assert.InRange(kept, 16L * 8 * 64 * 64 * 4, 64L << 20);

            Torch.CpuCacheLimit = 0;
            Assert.Equal(0, Torch.CpuCacheIdleBytes);
            Step();
            Assert.Equal(0, Torch.CpuCacheIdleBytes);
            Assert.Equal(0, Torch.CpuCacheLimit);
        }
        finally
        {
            Torch.CpuCacheLimit = old;
        }
    }

    [Fact]
    public void CpuCache_negative_limit_is_rejected()
    {
        var old = Torch.CpuCacheLimit;
        Assert.Throws<ArgumentOutOfRangeException>(() => Torch.CpuCacheLimit = -1);
        Assert.Equal(old, Torch.CpuCacheLimit);
    }

    // Handles left to the finalizer by code outside this test must not be counted down in the middle of it.
    private static void SettleFinalizers()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }
}
