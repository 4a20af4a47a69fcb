using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Heads;

/// <summary>
/// Reads a key label (any of ML.NET's key raw types) as its class index (key 1 is class 0), the target of the multiclass
/// and embedding heads; a missing key (0, or past the key count) throws naming the column and row.
/// </summary>
internal sealed class KeyLabelReader(DataViewRow row, DataViewSchema.Column label, int classes) : ILabelReader
{
    private readonly Func<ulong> _getter = KeyReader(row, label);

    /// <summary>The text of class index <paramref name="index"/>, as the heads' label key maps name the classes.</summary>
    public static string Index(int index) => index.ToString(CultureInfo.InvariantCulture);

    public void WriteTarget(Span<float> destination) => destination[0] = ReadIndex();

    /// <summary>Reads a key of any of ML.NET's key raw types as a number (0 = missing).</summary>
    public static Func<ulong> KeyReader(DataViewRow row, DataViewSchema.Column label)
    {
        switch (label.Type.RawType)
        {
            case var t when t == typeof(byte):
                var b = row.GetGetter<byte>(label);
                return () => { byte v = 0; b(ref v); return v; };
            case var t when t == typeof(ushort):
                var s = row.GetGetter<ushort>(label);
                return () => { ushort v = 0; s(ref v); return v; };
            case var t when t == typeof(ulong):
                var l = row.GetGetter<ulong>(label);
                return () => { ulong v = 0; l(ref v); return v; };
            default:
                var u = row.GetGetter<uint>(label);
                return () => { uint v = 0; u(ref v); return v; };
        }
    }

    private int ReadIndex()
    {
        var key = _getter();
        if (key == 0 || key > (ulong)classes)
            throw new InvalidDataException($"Label column '{label.Name}', row {row.Position}: the label is missing (key 0, a value MapValueToKey did not know). " +
                "Remove rows without a label, or fit MapValueToKey on data that holds every label.");
        return (int)key - 1;
    }
}
