using Microsoft.ML;

namespace Ml.Cnn.MlNet;

/// <summary>Makes ML.NET's <see cref="DataOperationsCatalog.TrainTestData"/>, whose constructor ML.NET keeps internal, for our splits.</summary>
public static class MlNetTrainTestData
{
    /// <summary>A train/test pair, as <c>mlContext.Data.TrainTestSplit</c> returns it.</summary>
    /// <param name="train">The training part.</param>
    /// <param name="test">The test part.</param>
    public static DataOperationsCatalog.TrainTestData Create(IDataView train, IDataView test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        MlNetInternals.EnsureAvailable();
        return new DataOperationsCatalog.TrainTestData(train, test);
    }
}
