using Microsoft.ML;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Estimators.Tests.Scoring;

/// <summary>A model zip saved by an earlier build (tests/reference/models) loads and predicts with this one.</summary>
public sealed class SavedModelCompatibilityTests
{
    [Fact]
    public void A_model_saved_by_an_earlier_build_loads_and_predicts()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(Path.Combine(RepoPaths.Root, "tests", "reference", "models", "basic-format3.zip"), out _);
        // The saved chain starts with its own MapValueToKey of the text labels, as LoadIdx gives them.
        var test = ml.Data.TakeRows(ml.Data.LoadIdx(RepoPaths.FashionMnist, "t10k"), 500);

        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));

        Assert.True(metrics.MicroAccuracy > 0.75, $"MicroAccuracy {metrics.MicroAccuracy} (the saved model scored about 0.82 on the test set)");
    }
}
