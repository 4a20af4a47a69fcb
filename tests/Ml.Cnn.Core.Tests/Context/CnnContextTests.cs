namespace Ml.Cnn.Core.Tests.Context;

public class CnnContextTests
{
    [Fact]
    public void Seed_IsTheOneGiven() => Assert.Equal(1234, new CnnContext(1234).Seed);

    [Fact]
    public void Catalogs_BelongToTheirContext()
    {
        var context = new CnnContext(1);
        Assert.Same(context, context.Data.Context);
        Assert.Same(context, context.Transforms.Context);
        Assert.Same(context, context.MulticlassClassification.Context);
        Assert.Same(context, context.MulticlassClassification.Trainers.Context);
    }
}
