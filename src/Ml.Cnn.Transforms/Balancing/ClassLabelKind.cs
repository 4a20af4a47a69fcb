namespace Ml.Cnn.Transforms;

/// <summary>The kinds of label column <see cref="ClassWeightingEstimator"/> weighs, and how it names their classes.</summary>
public enum ClassLabelKind
{
    /// <summary>
    /// A key (e.g. from <c>MapValueToKey</c>): one class per key value; key 0 (missing) is not counted and weighs 1. A class
    /// is named by its key value (the KeyValues annotation, e.g. the original text label), or by its key number (1, 2, …)
    /// when the column has no key values.
    /// </summary>
    Key,

    /// <summary>Text: one class per distinct text; empty text (missing) is not counted and weighs 1.</summary>
    Text,

    /// <summary>Boolean: two classes, named <c>false</c> and <c>true</c>.</summary>
    Boolean,
}
