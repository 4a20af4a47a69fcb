using Ml.Cnn.Legacy;
namespace Ml.Cnn.Legacy;

/// <summary>A fitted step that maps a data view to a new data view (e.g. a trained model adding Score).</summary>
public interface ITransformer
{
    /// <summary>Applies the transform to every row.</summary>
    /// <param name="input">The input data.</param>
    DataView Transform(DataView input);
}
