using Ml.Cnn.Layers;

namespace Ml.Cnn.Estimators.Tests.Layers;

public class LayerSpecParserTests
{
    [Theory]
    [InlineData("basic")]
    [InlineData("simple")]
    [InlineData("resnet")]
    [InlineData("mobilenet")]
    public void Parsing_a_resolved_spec_gives_back_the_same_network(string name)
    {
        var original = Architectures.ByName(name).Resolve(new ImageShape(3, 32, 32), 10);
        var parsed = new NetworkDefinition(name, LayerSpecParser.Parse(original.Spec)).Resolve(original.Input, 10);
        Assert.Equal(original.Spec, parsed.Spec);
        Assert.Equal(original.Summary(), parsed.Summary());
    }

    [Fact]
    public void A_bad_line_is_named()
    {
        var e = Assert.Throws<FormatException>(() => LayerSpecParser.Parse("relu\nwarp factor=9"));
        Assert.Contains("line 2", e.Message);
    }
}
