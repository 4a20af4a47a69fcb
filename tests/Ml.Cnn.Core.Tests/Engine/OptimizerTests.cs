using Ml.Cnn.Engine;
using Ml.Cnn.Native;

namespace Ml.Cnn.Core.Tests.Engine;

public class OptimizerTests
{
    private static readonly ImageShape Shape = new(1, 2, 2);
    private static readonly byte[] Pixels = [10, 200, 30, 40, 250, 5, 60, 90];
    private static readonly float[] Labels = [0f, 1f];
    private static readonly LossFunction CrossEntropy = new("ce", [], LossReduction.Mean);

    [Fact]
    public void Sgd_WithZeroLearningRateLeavesWeightsAndSetLearningRateEnablesUpdates()
    {
        using var network = Network.Create("flatten\ndense in=4 out=2", ComputeDevice.Cpu);
        // Pixels in [0, 1] keep the logits moderate, so the softmax never saturates into a zero gradient.
        network.SetInputPreprocessing(1f / 255, [], []);
        using var optimizer = Optimizer.Sgd(network, learningRate: 0);
        var before = Weights(network);

        network.TrainStep(optimizer, CrossEntropy, Pixels, 2, Shape, Labels, 1, [], []);
        Assert.Equal(before, Weights(network));

        optimizer.SetLearningRate(0.1);
        network.TrainStep(optimizer, CrossEntropy, Pixels, 2, Shape, Labels, 1, [], []);
        Assert.NotEqual(before, Weights(network));
    }

    [Fact]
    public void Sgd_StepIsLearningRateTimesTheGradient()
    {
        // One dense unit per class on one input pixel: the cross-entropy gradient of the bias is softmax - onehot.
        using var network = Network.Create("flatten\ndense in=1 out=2", ComputeDevice.Cpu);
        using (var zeroWeight = Tensor.FromArray([0f, 0f], 2, 1)) network.SetState("1.weight", zeroWeight);
        using (var zeroBias = Tensor.FromArray([0f, 0f], 2)) network.SetState("1.bias", zeroBias);
        using var optimizer = Optimizer.Sgd(network, learningRate: 0.5);

        var loss = network.TrainStep(optimizer, CrossEntropy, [7], 1, new ImageShape(1, 1, 1), [1f], 1, [], []);

        // Logits are 0, 0: loss ln 2, gradient of the bias (0.5, -0.5), so the bias moves to (-0.25, 0.25).
        Assert.Equal(Math.Log(2), loss, 1e-6);
        using var bias = network.GetState("1.bias");
        Assert.Equal([-0.25f, 0.25f], bias.ToArray());
    }

    [Fact]
    public void Adam_UpdatesTheWeights()
    {
        using var network = Network.Create("flatten\ndense in=4 out=2", ComputeDevice.Cpu);
        using var optimizer = Optimizer.Adam(network, 0.01, weightDecay: 1e-4);
        var before = Weights(network);
        network.TrainStep(optimizer, CrossEntropy, Pixels, 2, Shape, Labels, 1, [1f, 2f], []);
        Assert.NotEqual(before, Weights(network));
    }

    [Theory]
    [InlineData("sgd lr=0.1 nesterov=1", "Nesterov momentum needs momentum > 0")]
    [InlineData("sgd lr=-1", "'lr' must lie in")]
    [InlineData("adam lr=0.1 beta1=1.5", "'beta1' must lie in")]
    [InlineData("lion lr=0.1", "unknown optimizer")]
    [InlineData("sgd lr=0.1 momentun=0.9", "unknown key 'momentun'")]
    public void Create_RejectsAnInvalidSpecNamingTheKey(string spec, string message)
    {
        using var network = Network.Create("flatten\ndense in=4 out=2", ComputeDevice.Cpu);
        var e = Assert.Throws<CnnNativeException>(() => Optimizer.Create(network, spec));
        Assert.Contains(message, e.NativeMessage);
    }

    [Theory]
    [InlineData("sgd lr=0.3 momentum=0.9")]
    [InlineData("adam lr=0.05")]
    [InlineData("rmsprop lr=0.01 centered=1 momentum=0.5")]
    [InlineData("adagrad lr=0.1")]
    public void SaveState_ThenLoadState_ContinuesTheSameTrajectory(string spec)
    {
        float[] Run(bool restart)
        {
            using var network = Network.Create("flatten\ndense in=4 out=2", ComputeDevice.Cpu, 11);
            using (var w = Tensor.FromArray([0.1f, -0.2f, 0.3f, 0.05f, -0.1f, 0.2f, 0.1f, -0.3f], 2, 4)) network.SetState("1.weight", w);
            var optimizer = Optimizer.Create(network, spec);
            for (var step = 0; step < 6; step++)
            {
                if (restart && step == 3)
                {
                    var state = optimizer.SaveState();
                    optimizer.Dispose();
                    optimizer = Optimizer.Create(network, spec);
                    optimizer.LoadState(state);
                }
                network.TrainStep(optimizer, CrossEntropy, Pixels, 2, Shape, Labels, 1, [], []);
            }
            optimizer.Dispose();
            return Weights(network);
        }

        Assert.Equal(Run(restart: false), Run(restart: true));
    }

    [Fact]
    public void L1_drives_more_weights_to_near_zero_than_no_L1()
    {
        int NearZero(string spec)
        {
            using var network = Network.Create("flatten\ndense in=4 out=2", ComputeDevice.Cpu, 3);
            network.SetInputPreprocessing(1f / 255, [], []);
            using var optimizer = Optimizer.Create(network, spec);
            for (var step = 0; step < 300; step++) network.TrainStep(optimizer, CrossEntropy, Pixels, 2, Shape, Labels, 1, [], []);
            using var weight = network.GetState("1.weight");
            return weight.ToArray().Count(v => Math.Abs(v) < 1e-2);
        }

        var plain = NearZero("sgd lr=0.1");
        var l1 = NearZero("sgd lr=0.1 l1=0.02");
        Assert.True(l1 > plain, $"near-zero weights: {l1} with L1, {plain} without");
    }

    [Fact]
    public void Create_RejectsANullNetwork()
    {
        Assert.Throws<ArgumentNullException>(() => Optimizer.Adam(null!, 0.1));
        Assert.Throws<ArgumentNullException>(() => Optimizer.Sgd(null!, 0.1));
    }

    private static float[] Weights(Network network)
    {
        using var weight = network.GetState("1.weight");
        return weight.ToArray();
    }
}
