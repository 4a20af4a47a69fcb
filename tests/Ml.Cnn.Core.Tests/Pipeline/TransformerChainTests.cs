using Ml.Cnn.Core.Tests.Pipeline.Fakes;

namespace Ml.Cnn.Core.Tests.Pipeline;

public class TransformerChainTests
{
    [Fact]
    public void Transform_AppliesTheTransformersInOrder()
    {
        var input = new DataView([new ScalarColumn<float>("X", [1f, 2f])]);
        // (x - 1) * 10, which differs from x * 10 - 1.
        var chain = new TransformerChain([new CenterTransformer("X", 1f), new ScaleTransformer("X", 10f)]);

        var output = chain.Transform(input);

        Assert.Equal([0f, 10f], output.GetColumn<ScalarColumn<float>>("X").Values);
        Assert.Equal([1f, 2f], input.GetColumn<ScalarColumn<float>>("X").Values);
    }

    [Fact]
    public void Transformers_AreACopyOfTheGivenList()
    {
        var list = new List<ITransformer> { new ScaleTransformer("X", 2f) };
        var chain = new TransformerChain(list);
        list.Add(new ScaleTransformer("X", 3f));
        Assert.Single(chain.Transformers);
    }
}
