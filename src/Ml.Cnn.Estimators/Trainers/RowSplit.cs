using Microsoft.ML.Data;

namespace Ml.Cnn.Trainers;

/// <summary>
/// The validation split of streamed data: a row is held out when a seeded hash of its row id falls below the fraction, so
/// the split needs no pass, no memory and is the same in every epoch and every run with the same seed (the held-out share
/// is the fraction up to sampling noise).
/// </summary>
internal static class RowSplit
{
    /// <summary>True when the row belongs to the validation part.</summary>
    public static bool Held(DataViewRowId id, int seed, double fraction)
    {
        var x = id.Low ^ (id.High * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)seed << 32 | 0x5BD1E995UL);
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53)) < fraction;
    }
}
