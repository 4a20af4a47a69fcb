namespace Ml.Cnn.Core.Tests.Native;

public class CnnNativeExceptionTests
{
    [Fact]
    public void Message_NamesTheOperationAndLibtorchsMessage()
    {
        var e = new CnnNativeException("forward pass", "shape mismatch");
        Assert.Equal("forward pass failed in libtorch: shape mismatch", e.Message);
        Assert.Equal("forward pass", e.Operation);
        Assert.Equal("shape mismatch", e.NativeMessage);
    }
}
