using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Ml.Cnn.MlNet;

/// <summary>
/// An MlCnn component (transformer) that ML.NET saves inside its model zip through <see cref="ComponentFile"/>: it writes its
/// own payload, and reads it back in <see cref="ICnnComponent{TSelf}.Load"/>.
/// </summary>
public interface ICnnComponent
{
    /// <summary>Writes everything needed to rebuild the component (its own format; versioned by the component).</summary>
    /// <param name="writer">The payload writer.</param>
    void SavePayload(BinaryWriter writer);
}

/// <summary>A component that <see cref="ComponentFile"/> can rebuild from its payload in a fresh process.</summary>
/// <typeparam name="TSelf">The component type.</typeparam>
public interface ICnnComponent<TSelf> : ICnnComponent where TSelf : class, ITransformer, ICnnComponent<TSelf>
{
    /// <summary>Rebuilds the component from what <see cref="ICnnComponent.SavePayload"/> wrote.</summary>
    /// <param name="environment">ML.NET's environment of the loading context.</param>
    /// <param name="reader">The payload reader.</param>
    static abstract TSelf Load(IHostEnvironment environment, BinaryReader reader);
}
