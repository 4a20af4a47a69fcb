namespace Ml.Cnn.Tests.Shared;

/// <summary>What one fuzz input did.</summary>
internal enum FuzzOutcome
{
    /// <summary>The reader refused the input with its typed error.</summary>
    Refused,

    /// <summary>The reader returned a result that the oracle confirmed.</summary>
    Correct,

    /// <summary>The reader returned a result for damage its format cannot reveal (documented, e.g. BMP pixel bytes).</summary>
    Undetectable,
}
