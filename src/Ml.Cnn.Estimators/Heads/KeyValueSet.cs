using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Heads;

/// <summary>
/// The key values of a multiclass label (what <c>MapValueToKey</c> recorded), kept with their item type so the model's
/// <c>PredictedLabel</c> carries the same key values and <c>MapKeyToValue</c> gives back the original labels. Stored as text.
/// </summary>
internal sealed class KeyValueSet
{
    private static readonly Dictionary<Type, (PrimitiveDataViewType Type, Func<DataViewSchema.Column, string[]> Read, Func<string[], object> Build)> Codecs = new()
    {
        [typeof(ReadOnlyMemory<char>)] = Codec<ReadOnlyMemory<char>>(TextDataViewType.Instance, v => v.ToString(), s => s.AsMemory()),
        [typeof(float)] = Codec(NumberDataViewType.Single, v => v.ToString("R", CultureInfo.InvariantCulture), s => float.Parse(s, CultureInfo.InvariantCulture)),
        [typeof(double)] = Codec(NumberDataViewType.Double, v => v.ToString("R", CultureInfo.InvariantCulture), s => double.Parse(s, CultureInfo.InvariantCulture)),
        [typeof(int)] = Codec(NumberDataViewType.Int32, v => v.ToString(CultureInfo.InvariantCulture), s => int.Parse(s, CultureInfo.InvariantCulture)),
        [typeof(uint)] = Codec(NumberDataViewType.UInt32, v => v.ToString(CultureInfo.InvariantCulture), s => uint.Parse(s, CultureInfo.InvariantCulture)),
        [typeof(long)] = Codec(NumberDataViewType.Int64, v => v.ToString(CultureInfo.InvariantCulture), s => long.Parse(s, CultureInfo.InvariantCulture)),
        [typeof(ulong)] = Codec(NumberDataViewType.UInt64, v => v.ToString(CultureInfo.InvariantCulture), s => ulong.Parse(s, CultureInfo.InvariantCulture)),
        [typeof(short)] = Codec(NumberDataViewType.Int16, v => v.ToString(CultureInfo.InvariantCulture), s => short.Parse(s, CultureInfo.InvariantCulture)),
        [typeof(ushort)] = Codec(NumberDataViewType.UInt16, v => v.ToString(CultureInfo.InvariantCulture), s => ushort.Parse(s, CultureInfo.InvariantCulture)),
        [typeof(byte)] = Codec(NumberDataViewType.Byte, v => v.ToString(CultureInfo.InvariantCulture), s => byte.Parse(s, CultureInfo.InvariantCulture)),
        [typeof(sbyte)] = Codec(NumberDataViewType.SByte, v => v.ToString(CultureInfo.InvariantCulture), s => sbyte.Parse(s, CultureInfo.InvariantCulture)),
        [typeof(bool)] = Codec(BooleanDataViewType.Instance, v => v ? "true" : "false", s => s == "true"),
    };

    private KeyValueSet(Type rawType, string[] texts)
    {
        RawType = rawType;
        Texts = texts;
    }

    /// <summary>The .NET type of the key values (e.g. <c>ReadOnlyMemory&lt;char&gt;</c> for text labels).</summary>
    public Type RawType { get; }

    /// <summary>The key values as text, in key order (key 1 first).</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>The key values of a key column, or their key numbers as text when the column has none.</summary>
    public static KeyValueSet Of(DataViewSchema.Column label, int count)
    {
        var annotation = label.Annotations.Schema.GetColumnOrNull(MlNet.MlNetNames.KeyValues);
        if (annotation is { Type: VectorDataViewType { ItemType: var item } } && Codecs.TryGetValue(item.RawType, out var codec))
        {
            var texts = codec.Read(label);
            if (texts.Length == count) return new KeyValueSet(item.RawType, texts);
        }
        return Numbered(count);
    }

    /// <summary>Key numbers 1..count as text (a key column without key values).</summary>
    public static KeyValueSet Numbered(int count) =>
        new(typeof(uint), Enumerable.Range(1, count).Select(k => k.ToString(CultureInfo.InvariantCulture)).ToArray());

    /// <summary>Adds the key values as a <c>KeyValues</c> annotation of their own item type.</summary>
    public void AddKeyValues(DataViewSchema.Annotations.Builder builder)
    {
        var codec = Codecs[RawType];
        var values = codec.Build(Texts.ToArray());
        var add = typeof(KeyValueSet).GetMethod(nameof(AddTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(RawType);
        add.Invoke(null, [builder, codec.Type, values]);
    }

    /// <summary>Adds the key values as text <c>SlotNames</c> (what ML.NET's trainers put on Score).</summary>
    public void AddSlotNames(DataViewSchema.Annotations.Builder builder)
    {
        var names = new VBuffer<ReadOnlyMemory<char>>(Texts.Count, Texts.Select(t => t.AsMemory()).ToArray());
        builder.Add(MlNet.MlNetNames.SlotNames, new VectorDataViewType(TextDataViewType.Instance, Texts.Count),
            (ref VBuffer<ReadOnlyMemory<char>> value) => names.CopyTo(ref value));
    }

    /// <summary>Writes the set (type name, then the texts).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(RawType.FullName!);
        writer.Write(Texts.Count);
        foreach (var text in Texts) writer.Write(text);
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static KeyValueSet Read(BinaryReader reader)
    {
        var typeName = reader.ReadString();
        var type = Codecs.Keys.FirstOrDefault(t => t.FullName == typeName)
            ?? throw new InvalidDataException($"The model's label key values have the unknown type '{typeName}'; the model file is damaged.");
        var count = reader.ReadInt32();
        if (count < 1 || count > 1_000_000) throw new InvalidDataException($"The model records {count} label key values; the model file is damaged.");
        var texts = new string[count];
        for (var i = 0; i < count; i++) texts[i] = reader.ReadString();
        return new KeyValueSet(type, texts);
    }

    private static void AddTyped<T>(DataViewSchema.Annotations.Builder builder, PrimitiveDataViewType type, object values)
    {
        var buffer = (VBuffer<T>)values;
        builder.Add(MlNet.MlNetNames.KeyValues, new VectorDataViewType(type, buffer.Length), (ref VBuffer<T> value) => buffer.CopyTo(ref value));
    }

    private static (PrimitiveDataViewType, Func<DataViewSchema.Column, string[]>, Func<string[], object>) Codec<T>(
        PrimitiveDataViewType type, Func<T, string> format, Func<string, T> parse) =>
        (type,
         column =>
         {
             VBuffer<T> values = default;
             column.GetKeyValues(ref values);
             return values.DenseValues().Select(format).ToArray();
         },
         texts => new VBuffer<T>(texts.Length, texts.Select(parse).ToArray()));
}
