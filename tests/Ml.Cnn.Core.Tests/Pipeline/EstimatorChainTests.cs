using Ml.Cnn.Core.Tests.Pipeline.Fakes;

namespace Ml.Cnn.Core.Tests.Pipeline;

public class EstimatorChainTests
{
    private static DataView Input() => new([new ScalarColumn<float>("X", [1f, 2f, 3f])]);

    private static float[] X(DataView view) => view.GetColumn<ScalarColumn<float>>("X").Values.ToArray();

    [Fact]
    public void Fit_FitsEachEstimatorOnThePreviousOutput()
    {
        var chain = new EstimatorChain([new ScaleEstimator("X", 10f), new CenterEstimator("X")]);

        var model = chain.Fit(Input());

        Assert.Equal(2, model.Transformers.Count);
        // Fitted on the scaled column (10, 20, 30), not on the raw input (1, 2, 3).
        Assert.Equal(20f, Assert.IsType<CenterTransformer>(model.Transformers[1]).Mean);
        Assert.Equal([-10f, 0f, 10f], X(model.Transform(Input())));
    }

    [Fact]
    public void Fit_GivesTheFirstEstimatorTheInputItself()
    {
        var first = new ScaleEstimator("X", 2f);
        var second = new ScaleEstimator("X", 3f);
        var input = Input();

        new EstimatorChain([first, second]).Fit(input);

        Assert.Same(input, Assert.Single(first.FittedOn));
        Assert.Equal([2f, 4f, 6f], X(Assert.Single(second.FittedOn)));
    }

    [Fact]
    public void Fit_DoesNotChangeTheInput()
    {
        var input = Input();
        new EstimatorChain([new ScaleEstimator("X", 5f)]).Fit(input);
        Assert.Equal([1f, 2f, 3f], X(input));
    }

    [Fact]
    public void Append_ReturnsANewChainAndLeavesTheOriginalAsItWas()
    {
        var shorter = new EstimatorChain([new ScaleEstimator("X", 2f)]);
        var longer = shorter.Append(new CenterEstimator("X"));

        Assert.Single(shorter.Fit(Input()).Transformers);
        var model = longer.Fit(Input());
        Assert.Equal(2, model.Transformers.Count);
        Assert.Equal([-2f, 0f, 2f], X(model.Transform(Input())));
    }

    [Fact]
    public void Fit_OfAnEmptyChainIsTheIdentity()
    {
        var input = Input();
        var model = new EstimatorChain([]).Fit(input);
        Assert.Empty(model.Transformers);
        Assert.Same(input, model.Transform(input));
    }
}
