using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Transforms.Tests.Fuzz;

/// <summary>
/// Seeded mutations of IDX files, raw and gzip-compressed (see <see cref="Fuzzer"/>): each must give an
/// <see cref="IdxFormatException"/> or values that are exactly what the file holds.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class IdxFuzzTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static byte[] Original(Random random, out int rank)
    {
        rank = random.Next(2) == 0 ? 1 : 3;
        int[] dims = rank == 1 ? [1 + random.Next(40)] : [1 + random.Next(6), 1 + random.Next(9), 1 + random.Next(9)];
        var values = new byte[dims.Aggregate(1, (a, b) => a * b)];
        random.NextBytes(values);
        return IdxFiles.Encode(dims, values);
    }

    [Fact]
    public void Raw_idx_files()
    {
        Fuzzer.Run("IDX (raw)", (i, random) =>
        {
            var original = Original(random, out var rank);
            var mutated = Fuzzer.Mutate(original, random);
            var path = IdxFiles.Write(_temp.File($"raw{i}-idx{rank}-ubyte"), mutated);
            try
            {
                var (dims, values) = IdxReader.Read(path, rank);
                if (!IdxFiles.Encode(dims, values).AsSpan().SequenceEqual(mutated))
                    throw new FuzzWrongResultException($"dims {string.Join("x", dims)} and {values.Length} values differ from the file's bytes");
                return FuzzOutcome.Correct;
            }
            catch (IdxFormatException)
            {
                return FuzzOutcome.Refused;
            }
            finally
            {
                File.Delete(path);
            }
        });
    }

    [Fact]
    public void Gzip_idx_files()
    {
        Fuzzer.Run("gzip", (i, random) =>
        {
            var original = Original(random, out var rank);
            var mutated = Fuzzer.Mutate(IdxFiles.Gzip(original), random);
            var path = IdxFiles.Write(_temp.File($"gz{i}-idx{rank}-ubyte{(random.Next(2) == 0 ? ".gz" : "")}"), mutated);
            try
            {
                var (dims, values) = IdxReader.Read(path, rank);
                // The gzip CRC-32 covers the content: a damaged stream that still decodes must give the original.
                if (!IdxFiles.Encode(dims, values).AsSpan().SequenceEqual(original))
                    throw new FuzzWrongResultException($"dims {string.Join("x", dims)} and {values.Length} values differ from the compressed content");
                return FuzzOutcome.Correct;
            }
            catch (IdxFormatException)
            {
                return FuzzOutcome.Refused;
            }
            finally
            {
                File.Delete(path);
            }
        });
    }
}
