using System.Text.Json;

namespace Ml.Cnn.Tests.Shared;

/// <summary>
/// Seeded random mutation fuzzing for the readers: every input is a mutation of a valid file (bit flips, overwritten bytes,
/// truncation, insertion, deletion, duplicated ranges, 32-bit fields set to extreme values, appended garbage). Each input
/// must end in a typed error or a result the oracle confirms — never another exception (a crash), a watchdog timeout (a
/// hang) or a wrong result. MLCNN_FUZZ_INPUTS sets the inputs per reader (default 300, so the normal test run stays
/// short; scripts/fuzz.sh uses 10,000), MLCNN_FUZZ_SEED the seed, and MLCNN_FUZZ_REPORT a file that receives one JSON
/// line of counts per reader.
/// </summary>
internal static class Fuzzer
{
    /// <summary>A watchdog for one input, far above any real read; not a speed assertion.</summary>
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(60);

    public static int Inputs => int.TryParse(Environment.GetEnvironmentVariable("MLCNN_FUZZ_INPUTS"), out var n) && n > 0 ? n : 300;

    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("MLCNN_FUZZ_SEED"), out var s) ? s : 18;

    /// <summary>A random mutation of <paramref name="original"/> (never the original itself).</summary>
    public static byte[] Mutate(byte[] original, Random random)
    {
        for (var attempt = 0; ; attempt++)
        {
            var bytes = MutateOnce(original, random);
            if (random.Next(4) == 0) bytes = MutateOnce(bytes, random);
            if (!bytes.AsSpan().SequenceEqual(original) || attempt > 10) return bytes;
        }
    }

    private static byte[] MutateOnce(byte[] original, Random random)
    {
        var bytes = original.ToList();
        var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
        switch (random.Next(9))
        {
            case 0: // flip one bit
                if (bytes.Count > 0) bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1: // overwrite a few bytes with random values
                for (var i = 0; i < 1 + random.Next(8) && at + i < bytes.Count; i++) bytes[at + i] = (byte)random.Next(256);
                break;
            case 2: // truncate
                return original[..at];
            case 3: // insert random bytes
                bytes.InsertRange(at, Enumerable.Range(0, 1 + random.Next(16)).Select(_ => (byte)random.Next(256)));
                break;
            case 4: // delete a range
                bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16)));
                break;
            case 5: // duplicate a range
                var length = Math.Min(bytes.Count - at, 1 + random.Next(32));
                bytes.InsertRange(at, bytes.GetRange(at, length));
                break;
            case 6: // a 32-bit field set to an extreme value (either byte order)
                uint[] extremes = [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFF, 0x10000, (uint)original.Length];
                var value = extremes[random.Next(extremes.Length)];
                var field = random.Next(2) == 0 ? BitConverter.GetBytes(value) : BitConverter.GetBytes(value).Reverse().ToArray();
                for (var i = 0; i < 4 && at + i < bytes.Count; i++) bytes[at + i] = field[i];
                break;
            case 7: // append garbage
                bytes.AddRange(Enumerable.Range(0, 1 + random.Next(64)).Select(_ => (byte)random.Next(256)));
                break;
            default: // zero a range
                for (var i = 0; i < 1 + random.Next(64) && at + i < bytes.Count; i++) bytes[at + i] = 0;
                break;
        }
        return bytes.ToArray();
    }

    /// <summary>
    /// Runs <see cref="Inputs"/> inputs of one reader; <paramref name="one"/> gets the input's index and its own seeded
    /// generator and returns its outcome, throwing <see cref="FuzzWrongResultException"/> for a wrong result. Asserts no
    /// crash, hang or wrong result, and reports the counts.
    /// </summary>
    public static void Run(string reader, Func<int, Random, FuzzOutcome> one)
    {
        var inputs = Inputs;
        var counts = new Dictionary<FuzzOutcome, int> { [FuzzOutcome.Refused] = 0, [FuzzOutcome.Correct] = 0, [FuzzOutcome.Undetectable] = 0 };
        var crashes = new List<string>();
        var wrong = new List<string>();
        var hangs = 0;
        for (var i = 0; i < inputs; i++)
        {
            var random = new Random(unchecked(Seed * 1_000_003 + StableHash(reader) * 7919 + i));
            var index = i;
            var task = Task.Run(() => one(index, random));
            try
            {
                if (!task.Wait(Watchdog))
                {
                    hangs++;
                    continue;
                }
                counts[task.Result]++;
            }
            catch (AggregateException e) when (e.InnerException is FuzzWrongResultException w)
            {
                wrong.Add($"input {i}: {w.Message}");
            }
            catch (AggregateException e)
            {
                var cause = e.InnerException!.GetBaseException();
                crashes.Add($"input {i}: {e.InnerException.GetType().Name}: {e.InnerException.Message}" +
                    (cause == e.InnerException ? "" : $" (caused by {cause.GetType().Name}: {cause.Message})"));
            }
        }
        Report(reader, inputs, counts, crashes.Count, hangs, wrong.Count);
        Assert.True(crashes.Count == 0, $"{reader}: {crashes.Count} untyped failures, e.g. {string.Join(" | ", crashes.Take(3))}");
        Assert.True(wrong.Count == 0, $"{reader}: {wrong.Count} wrong results, e.g. {string.Join(" | ", wrong.Take(3))}");
        Assert.Equal(0, hangs);
    }

    /// <summary>A hash of the reader's name that is the same in every process (string.GetHashCode is not).</summary>
    private static int StableHash(string text) => text.Aggregate(17, (h, c) => unchecked(h * 31 + c));

    private static void Report(string reader, int inputs, Dictionary<FuzzOutcome, int> counts, int crashes, int hangs, int wrong)
    {
        if (Environment.GetEnvironmentVariable("MLCNN_FUZZ_REPORT") is not { Length: > 0 } file) return;
        var line = JsonSerializer.Serialize(new
        {
            Reader = reader, Seed, Inputs = inputs, Refused = counts[FuzzOutcome.Refused], Correct = counts[FuzzOutcome.Correct],
            Undetectable = counts[FuzzOutcome.Undetectable], Crashes = crashes, Hangs = hangs, WrongResults = wrong,
        });
        lock (typeof(Fuzzer)) File.AppendAllText(file, line + Environment.NewLine);
    }
}
