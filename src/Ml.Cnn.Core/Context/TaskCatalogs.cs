using Ml.Cnn.Legacy;
namespace Ml.Cnn.Legacy;

/// <summary>Binary classification: <see cref="Trainers"/> and the Evaluate extension from Ml.Cnn.Estimators.</summary>
public sealed class BinaryClassificationCatalog : CatalogBase
{
    internal BinaryClassificationCatalog(CnnContext context) : base(context) => Trainers = new BinaryTrainers(context);

    /// <summary>Binary classification trainers.</summary>
    public BinaryTrainers Trainers { get; }
}

/// <summary>Binary classification trainers; see the extension methods in Ml.Cnn.Estimators.</summary>
public sealed class BinaryTrainers : CatalogBase
{
    internal BinaryTrainers(CnnContext context) : base(context) { }
}

/// <summary>Multilabel classification: <see cref="Trainers"/> and the Evaluate extension from Ml.Cnn.Estimators.</summary>
public sealed class MultilabelClassificationCatalog : CatalogBase
{
    internal MultilabelClassificationCatalog(CnnContext context) : base(context) => Trainers = new MultilabelTrainers(context);

    /// <summary>Multilabel classification trainers.</summary>
    public MultilabelTrainers Trainers { get; }
}

/// <summary>Multilabel classification trainers; see the extension methods in Ml.Cnn.Estimators.</summary>
public sealed class MultilabelTrainers : CatalogBase
{
    internal MultilabelTrainers(CnnContext context) : base(context) { }
}

/// <summary>Regression: <see cref="Trainers"/> and the Evaluate extension from Ml.Cnn.Estimators.</summary>
public sealed class RegressionCatalog : CatalogBase
{
    internal RegressionCatalog(CnnContext context) : base(context) => Trainers = new RegressionTrainers(context);

    /// <summary>Regression trainers.</summary>
    public RegressionTrainers Trainers { get; }
}

/// <summary>Regression trainers; see the extension methods in Ml.Cnn.Estimators.</summary>
public sealed class RegressionTrainers : CatalogBase
{
    internal RegressionTrainers(CnnContext context) : base(context) { }
}

/// <summary>Embedding: <see cref="Trainers"/> and the Evaluate extension from Ml.Cnn.Estimators.</summary>
public sealed class EmbeddingCatalog : CatalogBase
{
    internal EmbeddingCatalog(CnnContext context) : base(context) => Trainers = new EmbeddingTrainers(context);

    /// <summary>Embedding trainers.</summary>
    public EmbeddingTrainers Trainers { get; }
}

/// <summary>Embedding trainers; see the extension methods in Ml.Cnn.Estimators.</summary>
public sealed class EmbeddingTrainers : CatalogBase
{
    internal EmbeddingTrainers(CnnContext context) : base(context) { }
}
