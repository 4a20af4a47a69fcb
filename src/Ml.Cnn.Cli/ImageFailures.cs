using System.Text.RegularExpressions;
using Microsoft.ML;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Cli;

/// <summary>
/// Names the file of an image that failed to decode while training or scoring: the library names the image column and the
/// source row ("Image column 'Image', row 12: ..."); for image files the CLI adds the row's path, which is what a user can fix.
/// </summary>
internal static partial class ImageFailures
{
    /// <summary>Runs <paramref name="body"/>; a decoding failure of a row of <paramref name="files"/> is rethrown naming the file.</summary>
    public static T NamingFiles<T>(ImageFileDataView? files, Func<T> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (files is not null && Failure(e) is { } failure && RowOf(failure) is { } row && PathOf(files, row) is { } path)
        {
            throw new InvalidDataException($"Image file '{path}': {failure.Message}", e);
        }
    }

    private static InvalidDataException? Failure(Exception e) => e switch
    {
        InvalidDataException invalid when RowPattern().IsMatch(invalid.Message) => invalid,
        AggregateException aggregate => aggregate.InnerExceptions.Select(Failure).FirstOrDefault(f => f is not null),
        { InnerException: { } inner } => Failure(inner),
        _ => null,
    };

    private static long? RowOf(InvalidDataException failure) =>
        long.TryParse(RowPattern().Match(failure.Message).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var row) ? row : null;

    /// <summary>The path of a source row (the image-file views' row ids are their row indices).</summary>
    private static string? PathOf(ImageFileDataView files, long row)
    {
        var column = files.Schema[ImageFileDataView.PathColumnName];
        using var cursor = files.GetRowCursor([column]);
        var getter = cursor.GetGetter<ReadOnlyMemory<char>>(column);
        ReadOnlyMemory<char> path = default;
        for (long i = 0; cursor.MoveNext(); i++)
        {
            if (i != row) continue;
            getter(ref path);
            return path.ToString();
        }
        return null;
    }

    [GeneratedRegex(@"^Image column '[^']*', row (\d+): ")]
    private static partial Regex RowPattern();
}
