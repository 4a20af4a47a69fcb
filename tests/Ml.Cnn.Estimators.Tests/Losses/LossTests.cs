using Ml.Cnn.Engine;
using Ml.Cnn.Losses;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Losses;

public class LossTests
{
    public static TheoryData<Func<Loss>, string> InvalidArguments => new()
    {
        { () => Loss.CrossEntropy(labelSmoothing: 1), "labelSmoothing" },
        { () => Loss.CrossEntropy(labelSmoothing: -0.1), "labelSmoothing" },
        { () => Loss.CrossEntropy(labelSmoothing: double.NaN), "labelSmoothing" },
        { () => Loss.Focal(gamma: -1), "gamma" },
        { () => Loss.Focal(gamma: double.NaN), "gamma" },
        { () => Loss.Focal(2, alpha: -0.5), "alpha" },
        { () => Loss.Focal(2, [0.1, double.NaN]), "alpha" },
        { () => Loss.Hinge(margin: 0), "margin" },
        { () => Loss.Hinge(power: 3), "power" },
        { () => Loss.BinaryCrossEntropy(positiveWeight: -1), "positiveWeight" },
        { () => Loss.BinaryCrossEntropy(labelSmoothing: 1.5), "labelSmoothing" },
        { () => Loss.SigmoidFocal(gamma: -2), "gamma" },
        { () => Loss.SigmoidFocal(alpha: 1.5), "alpha" },
        { () => Loss.BinaryHinge(margin: -1), "margin" },
        { () => Loss.Huber(delta: 0), "delta" },
        { () => Loss.SmoothL1(beta: -1), "beta" },
        { () => Loss.TripletMargin(margin: 0), "margin" },
        { () => Loss.TripletMargin(p: 0), "p" },
        { () => Loss.WeightedSum((Loss.CrossEntropy(), -1)), "weight" },
    };

    [Theory]
    [MemberData(nameof(InvalidArguments))]
    public void Invalid_arguments_name_the_parameter(Func<Loss> create, string parameter)
    {
        var e = Assert.ThrowsAny<ArgumentException>(create);
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void The_spec_carries_every_parameter_in_the_native_names()
    {
        Assert.Equal("ce smoothing=0.1", Loss.CrossEntropy(0.1).ToSpec());
        Assert.Equal("focal gamma=2 alpha=0.25,0.75", Loss.Focal(2, [0.25, 0.75]).ToSpec());
        Assert.Equal("hinge margin=0.5 p=2", Loss.Hinge(0.5, 2).ToSpec());
        Assert.Equal("bce pos_weight=3 smoothing=0", Loss.BinaryCrossEntropy(3).ToSpec());
        Assert.Equal("sigmoid_focal gamma=2 alpha=-1", Loss.SigmoidFocal(2, -0.3).ToSpec());
        Assert.Equal("huber delta=0.5", Loss.Huber(0.5).ToSpec());
        Assert.Equal("mse", Loss.MeanSquaredError().ToSpec());
        Assert.Equal("triplet margin=0.2 p=2 swap=1", Loss.TripletMargin(0.2, 2, true).ToSpec());
        Assert.Equal("ce smoothing=0 scale=0.5\nfocal gamma=2 alpha=1 scale=2", Loss.WeightedSum((Loss.CrossEntropy(), 0.5), (Loss.Focal(), 2)).ToSpec());
    }

    [Fact]
    public void Every_spec_is_accepted_by_the_native_loss()
    {
        Loss[] all =
        [
            Loss.CrossEntropy(0.2), Loss.Focal(1.5, 0.5), Loss.Hinge(2, 2), Loss.BinaryCrossEntropy([1, 2]), Loss.SigmoidFocal(),
            Loss.BinaryHinge(0.5), Loss.MeanSquaredError(), Loss.MeanAbsoluteError(), Loss.Huber(2), Loss.SmoothL1(0.1),
            Loss.TripletMargin(), Loss.WeightedSum((Loss.MeanSquaredError(), 1), (Loss.Huber(), 0.5)),
        ];
        foreach (var loss in all)
        {
            using var native = new LossFunction(loss.ToSpec(), [], LossReduction.Mean);
            Assert.Equal(loss.ToSpec(), native.Spec);
        }
    }

    [Theory]
    [InlineData(CnnTask.Multiclass, "MeanSquaredError", "multiclass")]
    [InlineData(CnnTask.Regression, "CrossEntropy", "regression")]
    [InlineData(CnnTask.Multiclass, "BinaryCrossEntropy", "multiclass")]
    [InlineData(CnnTask.Binary, "TripletMargin", "binary")]
    public void A_loss_that_does_not_fit_the_task_names_both(CnnTask task, string lossName, string taskName)
    {
        var loss = lossName switch
        {
            "MeanSquaredError" => Loss.MeanSquaredError(),
            "CrossEntropy" => Loss.CrossEntropy(),
            "BinaryCrossEntropy" => Loss.BinaryCrossEntropy(),
            _ => Loss.TripletMargin(),
        };
        var e = Assert.Throws<ArgumentException>(() => loss.CheckFits(task, 10));
        Assert.Contains($"Loss {lossName} does not fit the {taskName} task", e.Message);
    }

    [Fact]
    public void A_weighted_sum_fits_only_the_tasks_its_terms_share()
    {
        var sum = Loss.WeightedSum((Loss.BinaryCrossEntropy(), 1), (Loss.SigmoidFocal(), 1));
        Assert.Equal([CnnTask.Binary, CnnTask.Multilabel], sum.Tasks);
        Assert.Throws<ArgumentException>(() => Loss.WeightedSum((Loss.CrossEntropy(), 1), (Loss.MeanSquaredError(), 1)));
    }

    [Fact]
    public void Per_class_alpha_must_match_the_class_count()
    {
        var e = Assert.Throws<ArgumentException>(() => Loss.Focal(2, [0.1, 0.2, 0.3]).CheckFits(CnnTask.Multiclass, 10));
        Assert.Contains("3 alpha values but the data has 10 classes", e.Message);
    }

    [Fact]
    public void ToString_shows_the_name_and_parameters()
    {
        Assert.Equal("Focal(gamma: 2, alpha: 0.25)", Loss.Focal(2, 0.25).ToString());
        Assert.Equal("0.5 * CrossEntropy(labelSmoothing: 0) + 1 * Hinge(margin: 1, power: 1)",
            Loss.WeightedSum((Loss.CrossEntropy(), 0.5), (Loss.Hinge(), 1)).ToString());
    }
}
