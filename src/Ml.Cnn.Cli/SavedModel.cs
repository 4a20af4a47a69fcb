using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Scoring;
using Ml.Cnn.Training;

namespace Ml.Cnn.Cli;

/// <summary>
/// The model file of <c>mlcnn</c>: ML.NET's model zip (<c>mlContext.Model.Save</c>) holding the transformer chain that scores
/// images: the <see cref="CnnTransformer"/>, and for multiclass models ML.NET's <c>MapKeyToValue</c> of PredictedLabel.
/// </summary>
internal static class SavedModel
{
    /// <summary>The chain that is saved: the CNN, and for multiclass a <c>MapKeyToValue</c> giving the predicted class label as text.</summary>
    public static ITransformer Chain(MLContext ml, CnnTransformer cnn, IDataView trainingData)
    {
        if (cnn.Task != CnnTask.Multiclass) return new TransformerChain<ITransformer>(cnn);
        var labels = ml.Transforms.Conversion.MapKeyToValue(DefaultColumnNames.PredictedLabel).Fit(cnn.Transform(trainingData));
        return new TransformerChain<ITransformer>(cnn, labels);
    }

    /// <summary>Writes the chain to <paramref name="path"/> atomically (a symbolic link's target is written).</summary>
    public static void Save(MLContext ml, ITransformer chain, DataViewSchema inputSchema, string path) =>
        AtomicFile.Write(path, "model", stream => ml.Model.Save(chain, inputSchema, stream));

    /// <summary>
    /// Loads a model saved by <c>mlcnn train</c>: the chain, the CNN inside it (on <paramref name="device"/>; ML.NET's load
    /// puts it where Auto would), and the schema of the data it was trained on.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an ML.NET model holding a CNN.</exception>
    public static (ITransformer Chain, CnnTransformer Cnn, DataViewSchema TrainingSchema) Load(MLContext ml, string path, ComputeDevice device)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file '{path}' not found.", path);
        Torch.Resolve(device);
        ITransformer chain;
        DataViewSchema schema;
        try
        {
            chain = ml.Model.Load(path, out schema);
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or FormatException)
        {
            throw new InvalidDataException($"'{path}' is not a model saved by 'mlcnn train' (an ML.NET model zip): {MlCnnCommand.OneLine(e)}", e);
        }
        var parts = (chain as IEnumerable<ITransformer> ?? [chain]).ToArray();
        var cnn = parts.OfType<CnnTransformer>().FirstOrDefault()
            ?? throw new InvalidDataException($"'{path}' is an ML.NET model without a CNN; give a model saved by 'mlcnn train'.");
        if (cnn.Device == Torch.Resolve(device)) return (chain, cnn, schema);
        CnnTransformer moved;
        try
        {
            moved = cnn.OnDevice(device);
        }
        finally
        {
            cnn.Dispose();
        }
        return (new TransformerChain<ITransformer>([.. parts.Select(p => p == cnn ? moved : p)]), moved, schema);
    }
}
