using Ml.Cnn.Core.Tests.Pipeline.Fakes;

namespace Ml.Cnn.Core.Tests.Pipeline;

public class EstimatorExtensionsTests
{
    [Fact]
    public void Append_ChainsTwoEstimatorsInOrder()
    {
        var input = new DataView([new ScalarColumn<float>("X", [1f, 3f])]);

        var model = new ScaleEstimator("X", 4f).Append(new CenterEstimator("X")).Fit(input);

        Assert.IsType<ScaleTransformer>(model.Transformers[0]);
        Assert.Equal(8f, Assert.IsType<CenterTransformer>(model.Transformers[1]).Mean);
    }

    [Fact]
    public void Append_OnAChainExtendsIt()
    {
        var input = new DataView([new ScalarColumn<float>("X", [1f, 3f])]);

        var model = new ScaleEstimator("X", 2f).Append(new ScaleEstimator("X", 3f)).Append(new CenterEstimator("X")).Fit(input);

        Assert.Equal(3, model.Transformers.Count);
        Assert.Equal(12f, Assert.IsType<CenterTransformer>(model.Transformers[2]).Mean);
    }
}
