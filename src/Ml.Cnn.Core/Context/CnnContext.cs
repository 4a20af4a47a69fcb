using Ml.Cnn.Legacy;
namespace Ml.Cnn.Legacy;

/// <summary>
/// The entry point, like ML.NET's MLContext: a seed and catalogs of data loaders, transforms, trainers and evaluators.
/// The catalogs are extended by the Ml.Cnn.Transforms and Ml.Cnn.Estimators assemblies.
/// </summary>
public sealed class CnnContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="seed">Seed for everything random (shuffling, weight initialization, splits); null draws a random seed.</param>
    public CnnContext(int? seed = null)
    {
        Seed = seed ?? Random.Shared.Next();
        Data = new DataCatalog(this);
        Transforms = new TransformsCatalog(this);
        MulticlassClassification = new MulticlassClassificationCatalog(this);
        BinaryClassification = new BinaryClassificationCatalog(this);
        MultilabelClassification = new MultilabelClassificationCatalog(this);
        Regression = new RegressionCatalog(this);
        Embeddings = new EmbeddingCatalog(this);
    }

    /// <summary>The seed used wherever an option does not give its own.</summary>
    public int Seed { get; }

    /// <summary>Data loading (e.g. <c>LoadIdx</c>, <c>LoadImages</c>).</summary>
    public DataCatalog Data { get; }

    /// <summary>Data transforms (preprocessing, augmentation, class weights).</summary>
    public TransformsCatalog Transforms { get; }

    /// <summary>Multiclass classification: trainers and evaluation.</summary>
    public MulticlassClassificationCatalog MulticlassClassification { get; }

    /// <summary>Binary classification: trainers and evaluation.</summary>
    public BinaryClassificationCatalog BinaryClassification { get; }

    /// <summary>Multilabel classification: trainers and evaluation.</summary>
    public MultilabelClassificationCatalog MultilabelClassification { get; }

    /// <summary>Regression: trainers and evaluation.</summary>
    public RegressionCatalog Regression { get; }

    /// <summary>Embeddings (metric learning): trainers and evaluation.</summary>
    public EmbeddingCatalog Embeddings { get; }
}

/// <summary>Base of every catalog: gives extensions access to the context.</summary>
public abstract class CatalogBase
{
    /// <summary>Creates a catalog owned by a context.</summary>
    /// <param name="context">The owning context.</param>
    protected CatalogBase(CnnContext context) => Context = context;

    /// <summary>The owning context.</summary>
    public CnnContext Context { get; }
}

/// <summary>Data loaders; see the extension methods in Ml.Cnn.Transforms.</summary>
public sealed class DataCatalog : CatalogBase
{
    internal DataCatalog(CnnContext context) : base(context) { }
}

/// <summary>Transforms; see the extension methods in Ml.Cnn.Transforms.</summary>
public sealed class TransformsCatalog : CatalogBase
{
    internal TransformsCatalog(CnnContext context) : base(context) { }
}

/// <summary>Multiclass classification: <see cref="Trainers"/> and the Evaluate extension from Ml.Cnn.Estimators.</summary>
public sealed class MulticlassClassificationCatalog : CatalogBase
{
    internal MulticlassClassificationCatalog(CnnContext context) : base(context) => Trainers = new MulticlassTrainers(context);

    /// <summary>Multiclass trainers.</summary>
    public MulticlassTrainers Trainers { get; }
}

/// <summary>Multiclass trainers; see the extension methods in Ml.Cnn.Estimators.</summary>
public sealed class MulticlassTrainers : CatalogBase
{
    internal MulticlassTrainers(CnnContext context) : base(context) { }
}
