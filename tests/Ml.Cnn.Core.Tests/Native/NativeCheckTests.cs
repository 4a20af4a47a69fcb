using Ml.Cnn.Native;

namespace Ml.Cnn.Core.Tests.Native;

public class NativeCheckTests
{
    [Fact]
    public void Check_OfZeroDoesNothing()
    {
        var exception = Record.Exception(() => NativeCheck.Check(0, "anything"));
        Assert.Null(exception);
    }

    [Fact]
    public void Check_OfAFailureThrowsTheLastNativeErrorOfThisThread()
    {
        // Leave a known error in libmlcnn's thread-local slot, then turn a failed status into an exception.
        Assert.Throws<CnnNativeException>(() => Ml.Cnn.Engine.Network.Create("nosuchlayer", Ml.Cnn.Engine.ComputeDevice.Cpu));

        var e = Assert.Throws<CnnNativeException>(() => NativeCheck.Check(1, "testing"));

        Assert.Equal("testing", e.Operation);
        Assert.Contains("nosuchlayer", e.NativeMessage);
        Assert.Equal(e.NativeMessage.Trim(), e.NativeMessage);
    }
}
