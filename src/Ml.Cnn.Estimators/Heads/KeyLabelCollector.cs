using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Legacy;

namespace Ml.Cnn.Heads;

/// <summary>
/// Collects a key label (any of ML.NET's key raw types) as the class index in text ("0" for key 1), so a key map over
/// "0", "1", ... keeps ML.NET's key order; a missing key (0, or past the key count) throws naming the column and row.
/// </summary>
internal sealed class KeyLabelCollector(DataViewRow row, DataViewSchema.Column label, int classes) : ILabelCollector
{
    private readonly Func<ulong> _getter = KeyReader(row, label);
    private readonly List<string> _values = [];

    public int Count => _values.Count;

    /// <summary>The text of class index <paramref name="index"/> (key <paramref name="index"/> + 1).</summary>
    public static string Index(int index) => index.ToString(CultureInfo.InvariantCulture);

    public void Add()
    {
        var key = _getter();
        if (key == 0 || key > (ulong)classes)
            throw new InvalidDataException($"Label column '{label.Name}', row {row.Position}: the label is missing (key 0, a value MapValueToKey did not know). " +
                "Remove rows without a label, or fit MapValueToKey on data that holds every label.");
        _values.Add(Index((int)key - 1));
    }

    public DataColumn ToColumn(string name) => new ScalarColumn<string>(name, [.. _values]);

    /// <summary>Reads a key of any of ML.NET's key raw types as a number.</summary>
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
}
