using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Ml.Cnn.MlNet;

/// <summary>
/// ML.NET's environment behind a catalog (what <c>new MLContext(seed)</c> holds): the seed source for components and the
/// <c>mlContext.Log</c> channel.
/// </summary>
public static class MlNetEnvironment
{
    /// <summary>The environment of a catalog, e.g. <c>mlContext.MulticlassClassification.Trainers</c> or <c>mlContext.Transforms</c>.</summary>
    /// <param name="catalog">An ML.NET catalog or sub-catalog.</param>
    public static IHostEnvironment Of(object catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        MlNetInternals.EnsureAvailable();
        return catalog is IInternalCatalog inner
            ? inner.GetEnvironment()
            : catalog as IHostEnvironment ?? throw new ArgumentException($"{catalog.GetType().Name} is not an ML.NET catalog.", nameof(catalog));
    }

    /// <summary>
    /// A seed for a component from ML.NET's environment: with <c>new MLContext(seed: s)</c> the same program draws the same
    /// seeds, as ML.NET's own trainers do; without a seed it is random.
    /// </summary>
    /// <param name="environment">The environment.</param>
    /// <param name="name">The component's name (ML.NET registers a host under it).</param>
    public static int DrawSeed(IHostEnvironment environment, string name)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.Register(name).Rand.Next();
    }

    /// <summary>
    /// <paramref name="cursor"/> read through ML.NET's shuffle pool of <paramref name="poolRows"/> rows in an order drawn from
    /// <paramref name="random"/> (ML.NET's <c>ShuffleRows</c> for one cursor), or the cursor itself when a column cannot be
    /// pooled.
    /// </summary>
    /// <param name="environment">The environment.</param>
    /// <param name="poolRows">Rows held in the pool.</param>
    /// <param name="cursor">A cursor of data that cannot shuffle itself.</param>
    /// <param name="random">The order's generator.</param>
    public static DataViewRowCursor Shuffled(IHostEnvironment environment, int poolRows, DataViewRowCursor cursor, Random random)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        MlNetInternals.EnsureAvailable();
        return Microsoft.ML.Transforms.RowShufflingTransformer.CanShuffleAll(cursor.Schema)
            ? Microsoft.ML.Transforms.RowShufflingTransformer.GetShuffledCursor(environment, poolRows, cursor, random)
            : cursor;
    }

    /// <summary>Writes an information message to ML.NET's log (<c>mlContext.Log</c>) under the component's name.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="name">The component's name.</param>
    /// <param name="message">The message.</param>
    public static void Log(IHostEnvironment environment, string name, string message)
    {
        ArgumentNullException.ThrowIfNull(environment);
        using var channel = environment.Start(name);
        channel.Info(MessageSensitivity.None, message);
    }
}
