namespace Ml.Cnn.Transforms;

/// <summary>
/// The fitted weight of each class, looked up per row without allocating; labels it does not hold (missing, or not seen at
/// Fit) weigh 1. Stored in <see cref="ClassWeightingTransformer"/>'s payload.
/// </summary>
internal sealed class ClassWeightMap
{
    private readonly Dictionary<ulong, float> _byIndex = [];
    private readonly Dictionary<string, float> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _byText;

    /// <summary>Creates the map.</summary>
    /// <param name="kind">The label kind.</param>
    /// <param name="keyCount">The number of key values of a key label (0 for the other kinds).</param>
    /// <param name="classes">The classes, with distinct names (and, for keys and Booleans, distinct indices).</param>
    public ClassWeightMap(ClassLabelKind kind, ulong keyCount, IReadOnlyList<WeightedClass> classes)
    {
        Kind = kind;
        KeyCount = keyCount;
        Classes = classes;
        foreach (var c in classes)
        {
            _byName.Add(c.Name, c.Weight);
            if (kind != ClassLabelKind.Text) _byIndex.Add(c.Index, c.Weight);
        }
        _byText = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The label kind.</summary>
    public ClassLabelKind Kind { get; }

    /// <summary>The number of key values of a key label (0 for the other kinds).</summary>
    public ulong KeyCount { get; }

    /// <summary>The classes, in their stored order.</summary>
    public IReadOnlyList<WeightedClass> Classes { get; }

    /// <summary>The weight per class name.</summary>
    public IReadOnlyDictionary<string, float> ByName => _byName;

    /// <summary>The weight of a key label (key 0 and keys without a weight: 1).</summary>
    /// <param name="key">The key number.</param>
    public float OfKey(ulong key) => _byIndex.GetValueOrDefault(key, 1f);

    /// <summary>The weight of a text label (empty text and texts without a weight: 1).</summary>
    /// <param name="label">The label.</param>
    public float OfText(ReadOnlySpan<char> label) => _byText.TryGetValue(label, out var weight) ? weight : 1f;

    /// <summary>The weight of a Boolean label (a class without a weight: 1).</summary>
    /// <param name="label">The label.</param>
    public float OfBoolean(bool label) => _byIndex.GetValueOrDefault(label ? 1UL : 0UL, 1f);

    /// <summary>Writes the kind, the key count and the classes.</summary>
    /// <param name="writer">The payload writer.</param>
    public void Write(BinaryWriter writer)
    {
        writer.Write((byte)Kind);
        writer.Write(KeyCount);
        writer.Write(Classes.Count);
        foreach (var c in Classes)
        {
            writer.Write(c.Name);
            writer.Write(c.Index);
            writer.Write(c.Weight);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote, checking it.</summary>
    /// <param name="reader">The payload reader.</param>
    /// <exception cref="InvalidDataException">The stored map is invalid (the model file is damaged).</exception>
    public static ClassWeightMap Read(BinaryReader reader)
    {
        var kind = (ClassLabelKind)reader.ReadByte();
        var keyCount = reader.ReadUInt64();
        var count = reader.ReadInt32();
        if (!Enum.IsDefined(kind) || count < 0 || (kind == ClassLabelKind.Key) != (keyCount > 0))
            throw Damaged($"label kind {kind}, key count {keyCount}, {count} classes");
        var classes = new WeightedClass[count];
        for (var i = 0; i < count; i++)
        {
            classes[i] = new WeightedClass(reader.ReadString(), reader.ReadUInt64(), reader.ReadSingle());
            if (!float.IsFinite(classes[i].Weight) || classes[i].Weight < 0)
                throw Damaged($"class '{classes[i].Name}' weighs {classes[i].Weight}");
        }
        try
        {
            return new ClassWeightMap(kind, keyCount, classes);
        }
        catch (ArgumentException e)
        {
            throw Damaged($"a class appears twice ({e.Message})");
        }
    }

    private static InvalidDataException Damaged(string problem) =>
        new($"The class weights stored in this model are invalid ({problem}); the model file is damaged.");
}
