using Ml.Cnn.Legacy;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Transforms.Tests.Balancing;

public class ClassWeightsTransformerTests
{
    private static readonly DataView Training = new([
        new ImageColumn("Image", new ImageShape(1, 1, 1), [1, 2, 3, 4]),
        new ScalarColumn<string?>("Label", ["a", "a", "a", "b"]),
    ]);

    private static float[] Weights(DataView view, string column = "Weight") =>
        view.GetColumn<ScalarColumn<float>>(column).Values.ToArray();

    [Fact]
    public void TransformAddsEachRowsClassWeight()
    {
        var transformer = new ClassWeightsEstimator().Fit(Training);

        var view = transformer.Transform(Training);

        Assert.Equal(["Image", "Label", "Weight"], view.Columns.Select(c => c.Name));
        Assert.Equal([4f / 6, 4f / 6, 4f / 6, 2f], Weights(view));
        Assert.Same(Training.Columns[0], view.Columns[0]);
    }

    [Fact]
    public void MissingLabelsGetWeightOne()
    {
        var transformer = new ClassWeightsEstimator().Fit(Training);
        var data = new DataView([new ScalarColumn<string?>("Label", [null, "b", ""])]);

        Assert.Equal([1f, 2f, 1f], Weights(transformer.Transform(data)));
    }

    [Fact]
    public void AnUnseenLabelIsAnErrorNamingTheRowAndLabel()
    {
        var transformer = new ClassWeightsEstimator().Fit(Training);
        var data = new DataView([new ScalarColumn<string?>("Label", ["a", "b", "c"])]);

        var e = Assert.Throws<ArgumentException>(() => transformer.Transform(data));

        Assert.Contains("row 2 has label 'c', which was not seen", e.Message);
        Assert.Contains("known: a, b", e.Message);
        Assert.Contains("Fit the class weights again", e.Message);
    }

    [Fact]
    public void AnExistingWeightColumnIsReplaced()
    {
        var transformer = new ClassWeightsEstimator().Fit(Training);
        var weighted = Training.WithColumn(new ScalarColumn<float>("Weight", [9f, 9f, 9f, 9f]));

        var view = transformer.Transform(weighted);

        Assert.Equal(3, view.Columns.Count);
        Assert.Equal(2f, Weights(view)[3]);
    }

    [Fact]
    public void ItChainsWithAppend()
    {
        var transforms = new CnnContext(1).Transforms;

        var chain = transforms.ClassWeights(outputColumnName: "W1")
            .Append(transforms.ClassWeights(ClassWeightingMethod.BalancedSqrt, outputColumnName: "W2")).Fit(Training);
        var view = chain.Transform(Training);

        Assert.Equal(2f, Weights(view, "W1")[3]);
        Assert.Equal(MathF.Sqrt(2f), Weights(view, "W2")[3]);
    }

    [Fact]
    public void SaveAndLoadRoundTrip()
    {
        using var folder = new TempFolder();
        var options = new ClassWeightsOptions { Method = ClassWeightingMethod.EffectiveNumber, Beta = 0.99, OutputColumnName = "W" };
        var transformer = new ClassWeightsEstimator(options).Fit(Training);

        transformer.Save(folder.File("weights.json"));
        transformer.Save(folder.File("weights.json"));
        var loaded = ClassWeightsTransformer.Load(folder.File("weights.json"));

        Assert.Equal(transformer.Weights, loaded.Weights);
        Assert.Equal((ClassWeightingMethod.EffectiveNumber, "Label", "W"), (loaded.Method, loaded.LabelColumnName, loaded.OutputColumnName));
        Assert.Equal(Weights(transformer.Transform(Training), "W"), Weights(loaded.Transform(Training), "W"));
        Assert.Equal(["weights.json"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
        Assert.Contains("\"Format\": \"mlcnn-class-weights\"", File.ReadAllText(folder.File("weights.json")));
    }

    [Fact]
    public void LoadRefusesOtherFiles()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("other.json"), "{\"Format\": \"something\"}");
        File.WriteAllText(folder.File("broken.json"), "{");
        File.WriteAllText(folder.File("negative.json"),
            "{\"Format\":\"mlcnn-class-weights\",\"Version\":1,\"LabelColumnName\":\"Label\",\"OutputColumnName\":\"Weight\",\"Method\":\"Given\",\"Weights\":{\"a\":-1}}");

        Assert.Throws<InvalidDataException>(() => ClassWeightsTransformer.Load(folder.File("other.json")));
        Assert.Throws<InvalidDataException>(() => ClassWeightsTransformer.Load(folder.File("broken.json")));
        Assert.Contains("'a' is -1", Assert.Throws<InvalidDataException>(() => ClassWeightsTransformer.Load(folder.File("negative.json"))).Message);
        Assert.Throws<FileNotFoundException>(() => ClassWeightsTransformer.Load(folder.File("none.json")));
    }

    [Fact]
    public void SaveIntoAMissingFolderIsAnIOError()
    {
        using var folder = new TempFolder();
        var transformer = new ClassWeightsEstimator().Fit(Training);

        var e = Assert.Throws<DirectoryNotFoundException>(() => transformer.Save(Path.Combine(folder.Path, "no", "w.json")));

        Assert.Contains("Cannot save the class weights", e.Message);
        Assert.Contains(Path.Combine(folder.Path, "no"), e.Message);
    }
}
