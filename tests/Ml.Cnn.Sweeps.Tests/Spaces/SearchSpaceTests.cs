namespace Ml.Cnn.Sweeps.Tests.Spaces;

public sealed class SearchSpaceTests
{
    private const string IssueExample = """
        {"learning-rate": {"loguniform": [1e-4, 0.1]}, "optimizer": {"choice": ["adam", "sgd"]},
         "momentum": {"uniform": [0.5, 0.99], "when": {"optimizer": ["sgd"]}},
         "batch-size": {"choice": [32, 64, 128]}, "focal-gamma": {"uniform": [0, 3]}, "epochs": {"int": [2, 6]}}
        """;

    [Fact]
    public void Parses_every_range_kind_with_bounds_choices_and_conditions()
    {
        var space = SearchSpace.Parse(IssueExample, "space.json");
        Assert.Equal(["learning-rate", "optimizer", "momentum", "batch-size", "focal-gamma", "epochs"], space.Select(r => r.Name));
        var rate = Assert.IsType<LogUniformRange>(space[0]);
        Assert.Equal((1e-4, 0.1), (rate.Low, rate.High));
        Assert.Equal(["adam", "sgd"], Assert.IsType<ChoiceRange>(space[1]).Values);
        Assert.Equal(new ParameterCondition("optimizer", ["sgd"]), space[2].When! with { Values = ["sgd"] }, new ConditionComparer());
        Assert.Equal([32, 64, 128], Assert.IsType<ChoiceRange>(space[3]).Values);
        var epochs = Assert.IsType<IntegerRange>(space[5]);
        Assert.Equal((2.0, 6.0, false), (epochs.Low, epochs.High, epochs.Log));
    }

    [Fact]
    public void Written_json_reads_back_to_the_same_space()
    {
        var space = SearchSpace.Parse(IssueExample, "space.json");
        var again = SearchSpace.Parse(space.ToJson(), "again");
        Assert.Equal(space.ToJson(), again.ToJson());
        Assert.Equal(space.Count, again.Count);
    }

    [Theory]
    [InlineData("""{"lr": {"normal": [0, 1]}}""", "key 'lr': unknown range kind 'normal'")]
    [InlineData("""{"lr": {"uniform": [1, 0]}}""", "key 'lr'")]
    [InlineData("""{"lr": {"loguniform": [0, 0.1]}}""", "log range needs low > 0")]
    [InlineData("""{"epochs": {"int": [1.5, 4]}}""", "whole bounds")]
    [InlineData("""{"opt": {"choice": []}}""", "at least one value")]
    [InlineData("""{"opt": {"choice": ["a", "a"]}}""", "lists a twice")]
    [InlineData("""{"m": {"uniform": [0, 1], "when": {"opt": ["sgd"]}}}""", "key 'm': its condition names 'opt'")]
    [InlineData("""{"opt": {"choice": ["adam"]}, "m": {"uniform": [0, 1], "when": {"opt": ["sgd"]}}}""", "value sgd is not a choice of 'opt'")]
    [InlineData("""{"lr": {"uniform": [0, 1], "choice": [1]}}""", "two kinds of range")]
    [InlineData("""{"lr": [0, 1]}""", "key 'lr': expected an object")]
    [InlineData("""[1]""", "expected a JSON object")]
    [InlineData("""{}""", "no parameters")]
    [InlineData("""{"lr": """, "not valid JSON")]
    public void Bad_spaces_are_refused_naming_the_file_and_key(string json, string expected)
    {
        var e = Assert.Throws<FormatException>(() => SearchSpace.Parse(json, "space.json"));
        Assert.StartsWith("space.json:", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_parameter_declared_twice_in_code_is_refused()
    {
        var space = new SearchSpace().Uniform("a", 0, 1);
        Assert.Contains("declared twice", Assert.Throws<ArgumentException>(() => space.Uniform("a", 0, 2)).Message);
    }

    private sealed class ConditionComparer : IEqualityComparer<ParameterCondition>
    {
        public bool Equals(ParameterCondition? x, ParameterCondition? y) => x!.Parent == y!.Parent && x.Values.SequenceEqual(y.Values);

        public int GetHashCode(ParameterCondition obj) => obj.Parent.GetHashCode();
    }
}
