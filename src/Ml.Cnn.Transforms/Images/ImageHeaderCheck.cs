using Ml.Cnn.Engine;

namespace Ml.Cnn.Transforms;

/// <summary>
/// Reads the header of every candidate file (in parallel) with <see cref="ImageCodec.Info"/>, keeps the readable ones and
/// either skips the others (counting them) or stops with an error naming the first, in load order. When unreadable files
/// are to be skipped, every file is also decoded once, so a file whose pixel data is damaged is skipped here rather than
/// failing a batch later: the decoder's one failure path (<see cref="ImageCodec.Decode(ReadOnlySpan{byte}, int)"/>) decides.
/// </summary>
internal static class ImageHeaderCheck
{
    /// <summary>Bytes read first; enough for the header of PNG, BMP, GIF and nearly every JPEG.</summary>
    private const int HeaderBytes = 64 * 1024;

    /// <summary>The readable candidates in order, with the size of the first one.</summary>
    /// <param name="candidates">The files, in load order.</param>
    /// <param name="skipUnreadable">Skip unreadable files (adding them to <paramref name="skipped"/>) instead of failing; decodes every file to find them.</param>
    /// <param name="skipped">Receives a description of each skipped file.</param>
    public static (List<ImageCandidate> Readable, int FirstWidth, int FirstHeight) Run(
        IReadOnlyList<ImageCandidate> candidates, bool skipUnreadable, List<string> skipped)
    {
        RequireDecoder();
        var results = new (int Width, int Height, string? Error)[candidates.Count];
        Parallel.For(0, candidates.Count, i => results[i] = Inspect(candidates[i].Path, decode: skipUnreadable));
        var readable = new List<ImageCandidate>(candidates.Count);
        var (width, height) = (0, 0);
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            if (results[i].Error is { } error)
            {
                if (!skipUnreadable)
                    throw new ArgumentException(
                        $"Image file '{candidate.Path}' ({candidate.Origin}) is unreadable: {error.TrimEnd('.')}. Replace or remove it, " +
                        "or set ImageLoadOptions.SkipUnreadable = true to skip unreadable files.");
                skipped.Add($"{candidate.Origin}: {candidate.Path} ({error.TrimEnd('.')})");
                continue;
            }
            if (readable.Count == 0) (width, height) = (results[i].Width, results[i].Height);
            readable.Add(candidate);
        }
        return (readable, width, height);
    }

    /// <summary>Throws when libmlcnn was built without image decoding.</summary>
    public static void RequireDecoder()
    {
        if (!ImageCodec.Available)
            throw new InvalidOperationException(
                "Loading image files needs image decoding, but libmlcnn was built without stb_image. Install Debian's " +
                "libstb-dev (scripts/build-native.sh does this) and rebuild libmlcnn with 'bash scripts/build-native.sh'.");
    }

    private static (int, int, string?) Inspect(string path, bool decode)
    {
        if (path.Contains('\uFFFD'))
            return (0, 0, "its name is not valid UTF-8 (the bytes shown as \uFFFD), and .NET cannot open such files; rename it " +
                          "to a UTF-8 name (e.g. convmv -f latin1 -t utf-8 --notest)");
        try
        {
            using var file = File.OpenRead(path);
            if (file.Length == 0) return (0, 0, "the file is empty");
            if (decode)
            {
                var bytes = File.ReadAllBytes(path);
                var (shape, _) = ImageCodec.Decode(bytes, 1);
                return (shape.Width, shape.Height, null);
            }
            var head = new byte[(int)Math.Min(file.Length, HeaderBytes)];
            file.ReadExactly(head);
            try
            {
                var (width, height, _) = ImageCodec.Info(head);
                return (width, height, null);
            }
            catch (CnnNativeException) when (file.Length > HeaderBytes)
            {
                var (width, height, _) = ImageCodec.Info(File.ReadAllBytes(path));
                return (width, height, null);
            }
        }
        catch (CnnNativeException e)
        {
            return (0, 0, e.NativeMessage);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or OverflowException)
        {
            return (0, 0, e.Message);
        }
    }
}
