namespace Ml.Cnn.Sweeps.Tests.Spaces;

public sealed class TrialParametersTests
{
    [Fact]
    public void Json_round_trip_keeps_order_and_types_from_the_space()
    {
        var space = new SearchSpace().LogUniform("lr", 1e-4, 0.1).Choice("bs", 32, 64).Choice("opt", "adam", "sgd").Integer("epochs", 1, 9).Choice("flag", true, false);
        var values = new TrialParameters([new("lr", 0.0031), new("bs", 64), new("opt", "sgd"), new("epochs", 4), new("flag", false)]);
        var read = TrialParameters.FromJson(values.ToJson(), space);
        Assert.Equal(values.Keys, read.Keys);
        Assert.Equal(0.0031, Assert.IsType<double>(read["lr"]));
        Assert.Equal(64, Assert.IsType<int>(read["bs"]));
        Assert.Equal("sgd", read["opt"]);
        Assert.Equal(4, Assert.IsType<int>(read["epochs"]));
        Assert.False(Assert.IsType<bool>(read["flag"]));
        Assert.Equal(64.0, read.Get("bs", 0.0));
        Assert.Equal(7, read.Get("missing", 7));
        Assert.Equal(4.0, read.Get<double?>("epochs", null));
        Assert.Null(read.Get<double?>("momentum", null));
    }
}
