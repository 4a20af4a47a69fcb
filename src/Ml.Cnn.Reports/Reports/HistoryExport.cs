using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ml.Cnn.Training;

namespace Ml.Cnn.Reports;

/// <summary>Writes a <see cref="TrainingHistory"/> as CSV (for spreadsheets and pandas) or JSON (for tools and notebooks).</summary>
public static class HistoryExport
{
    /// <summary>The CSV header line.</summary>
    public const string CsvHeader =
        "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,seconds,images_per_second";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>
    /// The history as CSV: <see cref="CsvHeader"/> plus one <c>validation_NAME</c> column per validation metric of the task
    /// (e.g. validation_MacroAccuracy), then one row per epoch. Numbers use the invariant culture (decimal point)
    /// in round-trip precision; a missing value (no accuracy, no validation data) is an empty cell. Lines end with "\n".
    /// </summary>
    /// <param name="history">The history.</param>
    public static string ToCsv(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var extra = history.Epochs.SelectMany(e => e.ValidationMetrics.Keys).Distinct(StringComparer.Ordinal).ToArray();
        var sb = new StringBuilder(CsvHeader);
        foreach (var name in extra) sb.Append(",validation_").Append(name);
        sb.Append('\n');
        foreach (var e in history.Epochs)
        {
            sb.Append(e.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Cell(e.TrainLoss)).Append(',')
                .Append(Cell(e.TrainAccuracy)).Append(',')
                .Append(Cell(e.ValidationLoss)).Append(',')
                .Append(Cell(e.ValidationAccuracy)).Append(',')
                .Append(Cell(e.LearningRate)).Append(',')
                .Append(Cell(e.Seconds)).Append(',')
                .Append(Cell(e.ImagesPerSecond));
            foreach (var name in extra) sb.Append(',').Append(Cell(e.ValidationMetrics.TryGetValue(name, out var v) ? v : null));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// The history as an indented JSON array with one object per epoch, named like <see cref="EpochMetrics"/>'s properties
    /// (Epoch, TrainLoss, TrainAccuracy, ValidationLoss, ValidationAccuracy, LearningRate, Seconds, Images, ImagesPerSecond).
    /// Missing values are <c>null</c>; a NaN or infinite loss is written as the string "NaN", "Infinity" or "-Infinity"
    /// (System.Text.Json reads it back with <see cref="JsonNumberHandling.AllowNamedFloatingPointLiterals"/>).
    /// </summary>
    /// <param name="history">The history.</param>
    public static string ToJson(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return JsonSerializer.Serialize(history.Epochs, Json);
    }

    /// <summary>Saves <see cref="ToCsv"/> to <paramref name="path"/> atomically (temporary file in the same folder, flushed, renamed).</summary>
    /// <param name="history">The history.</param>
    /// <param name="path">The destination; an existing file is replaced.</param>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void SaveCsv(TrainingHistory history, string path) =>
        AtomicFile.WriteAllText(path, ToCsv(history), "training history");

    /// <summary>Saves <see cref="ToJson"/> to <paramref name="path"/> atomically (temporary file in the same folder, flushed, renamed).</summary>
    /// <param name="history">The history.</param>
    /// <param name="path">The destination; an existing file is replaced.</param>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void SaveJson(TrainingHistory history, string path) =>
        AtomicFile.WriteAllText(path, ToJson(history), "training history");

    private static string Cell(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
}
