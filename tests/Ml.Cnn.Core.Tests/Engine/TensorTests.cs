using Ml.Cnn.Engine;

namespace Ml.Cnn.Core.Tests.Engine;

public class TensorTests
{
    [Fact]
    public void FromArray_RoundTripsValuesAndShape()
    {
        float[] values = [1.5f, -2f, 0f, 3.25f, float.MaxValue, -0.125f];
        using var tensor = Tensor.FromArray(values, 2, 3);
        Assert.Equal([2L, 3L], tensor.Shape);
        Assert.Equal(6, tensor.Count);
        Assert.Equal(values, tensor.ToArray());
    }

    [Fact]
    public void FromArray_CopiesTheValues()
    {
        var values = new float[] { 1, 2, 3, 4 };
        using var tensor = Tensor.FromArray(values, 1, 1, 2, 2);
        values[0] = 100;
        Assert.Equal([1f, 2f, 3f, 4f], tensor.ToArray());
        Assert.Equal([1L, 1L, 2L, 2L], tensor.Shape);
    }

    [Fact]
    public void FromArray_WithNoDimensionsIsAScalar()
    {
        using var tensor = Tensor.FromArray([7f]);
        Assert.Empty(tensor.Shape);
        Assert.Equal(1, tensor.Count);
        Assert.Equal([7f], tensor.ToArray());
    }

    [Fact]
    public void FromArray_RejectsAShapeThatDoesNotMatchTheValues()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new float[5], 2, 3));
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("6 values", e.Message);
        Assert.Contains("5 were given", e.Message);
    }

    [Fact]
    public void UsingADisposedTensorThrowsObjectDisposed()
    {
        var tensor = Tensor.FromArray([1f, 2f], 2);
        tensor.Dispose();
        Assert.Throws<ObjectDisposedException>(() => tensor.ToArray());
    }
}
