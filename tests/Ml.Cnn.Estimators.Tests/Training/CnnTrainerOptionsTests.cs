using Microsoft.ML;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Training;

public class CnnTrainerOptionsTests
{
    public static TheoryData<string, Action<CnnTrainerOptions>> Invalid => new()
    {
        { nameof(CnnTrainerOptions.Epochs), o => o.Epochs = 0 },
        { nameof(CnnTrainerOptions.ImageHeight), o => o.ImageHeight = 0 },
        { nameof(CnnTrainerOptions.ImageWidth), o => o.ImageWidth = -3 },
        { nameof(CnnTrainerOptions.ColorMode), o => o.ColorMode = (Engine.ColorMode)2 },
        { nameof(CnnTrainerOptions.Resize), o => o.Resize = (Engine.ResizeMode)9 },
        { nameof(CnnTrainerOptions.BatchSize), o => o.BatchSize = -1 },
        { nameof(CnnTrainerOptions.LearningRate), o => o.LearningRate = double.NaN },
        { nameof(CnnTrainerOptions.LearningRate), o => o.LearningRate = 0 },
        { nameof(CnnTrainerOptions.Momentum), o => o.Momentum = 1 },
        { nameof(CnnTrainerOptions.WeightDecay), o => o.WeightDecay = -0.1 },
        { nameof(CnnTrainerOptions.Threads), o => o.Threads = 0 },
        { nameof(CnnTrainerOptions.Precision), o => o.Precision = (Ml.Cnn.Engine.TrainingPrecision)9 },
        { nameof(CnnTrainerOptions.Precision), o => { o.Device = Ml.Cnn.Engine.ComputeDevice.Cpu; o.Precision = Ml.Cnn.Engine.TrainingPrecision.Float16; } },
        { nameof(CnnTrainerOptions.ValidationFraction), o => o.ValidationFraction = 1 },
        { nameof(CnnTrainerOptions.PixelScale), o => o.PixelScale = 0 },
        { nameof(CnnTrainerOptions.PrefetchBatches), o => o.PrefetchBatches = 0 },
        { nameof(CnnTrainerOptions.LabelColumnName), o => o.LabelColumnName = " " },
        { nameof(CnnTrainerOptions.Optimizer), o => o.Optimizer = (OptimizerKind)7 },
        { nameof(CnnTrainerOptions.Nesterov), o => o.Nesterov = true },
        { nameof(CnnTrainerOptions.Nesterov), o => { o.Optimizer = OptimizerKind.Sgd; o.Momentum = 0; o.Nesterov = true; } },
        { nameof(CnnTrainerOptions.Nesterov), o => { o.Optimizer = OptimizerKind.Sgd; o.Dampening = 0.5; o.Nesterov = true; } },
        { nameof(CnnTrainerOptions.Dampening), o => o.Dampening = 2 },
        { nameof(CnnTrainerOptions.L1Regularization), o => o.L1Regularization = -1 },
        { nameof(CnnTrainerOptions.GradientClipNorm), o => o.GradientClipNorm = double.NaN },
        { nameof(CnnTrainerOptions.GradientClipValue), o => o.GradientClipValue = -0.5 },
        { nameof(CnnTrainerOptions.Schedule), o => o.Schedule = null! },
        { nameof(CnnTrainerOptions.CheckpointEveryEpochs), o => o.CheckpointEveryEpochs = 0 },
        { nameof(CnnTrainerOptions.Resume), o => o.Resume = true },
        { nameof(EarlyStopping.Patience), o => o.EarlyStopping = new EarlyStopping { Patience = -1 } },
        { nameof(EarlyStopping.MinDelta), o => o.EarlyStopping = new EarlyStopping { MinDelta = -1 } },
        { nameof(CnnTrainerOptions.LossReduction), o => o.LossReduction = (Engine.LossReduction)9 },
        { nameof(CnnTrainerOptions.ClassWeights), o => o.ClassWeights = new Dictionary<string, float> { ["a"] = float.NaN } },
        { nameof(CnnTrainerOptions.EmbeddingDimension), o => o.EmbeddingDimension = 0 },
        { nameof(CnnTrainerOptions.PixelMean), o => o.PixelMean = [0.5f] },
        { nameof(CnnTrainerOptions.PixelStd), o => { o.PixelMean = [0.5f]; o.PixelStd = [0f]; } },
        { nameof(CnnTrainerOptions.ComputePixelStatistics), o => { o.PixelMean = [0.5f]; o.PixelStd = [0.2f]; o.ComputePixelStatistics = true; } },
        { nameof(CnnTrainerOptions.Loss), o => o.Loss = Ml.Cnn.Losses.Loss.MeanSquaredError() },
        { nameof(EarlyStopping.Monitor), o => o.EarlyStopping = new EarlyStopping { Monitor = "RSquared" } },
    };

    [Theory]
    [InlineData(CnnTask.Regression, nameof(CnnTrainerOptions.BalancedSampling))]
    [InlineData(CnnTask.Embedding, nameof(EarlyStopping.Monitor))]
    [InlineData(CnnTask.Binary, nameof(CnnTrainerOptions.Loss))]
    public void What_the_task_rules_out_is_named(CnnTask task, string option)
    {
        var options = option switch
        {
            nameof(CnnTrainerOptions.BalancedSampling) => new CnnTrainerOptions { BalancedSampling = true },
            nameof(EarlyStopping.Monitor) => new CnnTrainerOptions { EarlyStopping = new EarlyStopping { Monitor = "ValidationAccuracy" } },
            _ => new CnnTrainerOptions { Loss = Ml.Cnn.Losses.Loss.CrossEntropy() },
        };
        Assert.Equal(option, Assert.Throws<ArgumentException>(() => options.Validate(task)).ParamName);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_invalid_option_is_named(string option, Action<CnnTrainerOptions> spoil)
    {
        var options = new CnnTrainerOptions();
        spoil(options);
        var e = Assert.Throws<ArgumentException>(() => options.Validate(CnnTask.Multiclass));
        Assert.Equal(option, e.ParamName);
        Assert.Contains(option, e.Message);
    }

    [Fact]
    public void Defaults_are_valid_and_documented_values()
    {
        var options = new CnnTrainerOptions();
        foreach (var task in Enum.GetValues<CnnTask>()) options.Validate(task);
        Assert.Equal(5, options.Epochs);
        Assert.Equal(32, options.BatchSize);
        Assert.Equal(0.001, options.LearningRate);
        Assert.Equal(OptimizerKind.Adam, options.Optimizer);
        Assert.Equal("basic", options.Architecture.Name);
    }

    [Fact]
    public void Every_catalog_validates_options_when_it_makes_the_trainer()
    {
        var ml = new MLContext(1);
        var invalid = new CnnTrainerOptions { Epochs = 0 };
        Assert.Equal(nameof(CnnTrainerOptions.Epochs), Assert.Throws<ArgumentException>(() => ml.MulticlassClassification.Trainers.Cnn(invalid)).ParamName);
        Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.Cnn(invalid));
        Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.Cnn(invalid));
        Assert.Throws<ArgumentException>(() => ml.MultilabelClassification().Trainers.Cnn(invalid));
        Assert.Throws<ArgumentException>(() => ml.Embeddings().Trainers.Cnn(invalid));
    }

    [Fact]
    public void Options_changed_after_the_trainer_was_made_are_checked_by_Fit()
    {
        var ml = new MLContext(1);
        var options = Slices.Small();
        var trainer = ml.MulticlassClassification.Trainers.Cnn(options);
        options.Epochs = 0;

        var e = Assert.Throws<ArgumentException>(() => trainer.Fit(Slices.Keyed(ml, FashionMnist.Train(64))));
        Assert.Equal(nameof(CnnTrainerOptions.Epochs), e.ParamName);
    }
}
