using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ml.Cnn.Reports;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Reports;

public class HistoryExportTests
{
    [Fact]
    public void Csv_has_the_header_and_empty_cells_for_missing_values()
    {
        var lines = HistoryExport.ToCsv(ReportData.LossOnly()).Split('\n');
        Assert.Equal("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,seconds,images_per_second", lines[0]);
        Assert.Equal("1,1.25,,,,0.1,4,125", lines[1]);
        Assert.Equal("2,0.75,,,,0.1,0,0", lines[2]);
        Assert.Equal("", lines[3]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public void Csv_uses_decimal_points_whatever_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var row = HistoryExport.ToCsv(ReportData.Full()).Split('\n')[2];
            Assert.Equal("2,0.5,0.8,0.55,0.78,0.005,2.5,400", row);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Json_round_trips_with_nulls_kept()
    {
        var history = ReportData.History(new EpochMetrics(1, 0.9, 0.6, 0.8, 0.65, 0.01, 2.0, 1000),
            new EpochMetrics(2, double.NaN, null, null, null, 0.01, 1.0, 1000));
        var json = HistoryExport.ToJson(history);
        using (var document = JsonDocument.Parse(json))
        {
            var second = document.RootElement[1];
            Assert.Equal(JsonValueKind.Null, second.GetProperty("TrainAccuracy").ValueKind);
            Assert.Equal(JsonValueKind.Null, second.GetProperty("ValidationLoss").ValueKind);
            Assert.Equal(1000, document.RootElement[0].GetProperty("ImagesPerSecond").GetDouble() * 2);
        }
        var options = new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
        var back = JsonSerializer.Deserialize<List<EpochMetrics>>(json, options)!;
        Assert.Equal(json, HistoryExport.ToJson(ReportData.History(back.ToArray())));
    }

    [Fact]
    public void Save_replaces_the_file_and_leaves_no_temporary_file()
    {
        using var folder = new TempFolder();
        var csv = folder.File("history.csv");
        var json = folder.File("history.json");
        File.WriteAllText(csv, "old content that is longer than the new one will be, to show the file is replaced rather than overwritten in place " + new string('x', 2000));
        HistoryExport.SaveCsv(ReportData.Full(), csv);
        HistoryExport.SaveJson(ReportData.Full(), json);
        Assert.Equal(HistoryExport.ToCsv(ReportData.Full()), File.ReadAllText(csv));
        Assert.Equal(HistoryExport.ToJson(ReportData.Full()), File.ReadAllText(json));
        Assert.Equal(["history.csv", "history.json"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Save_into_a_missing_folder_names_the_path()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "missing", "history.csv");
        var e = Assert.Throws<DirectoryNotFoundException>(() => HistoryExport.SaveCsv(ReportData.Full(), path));
        Assert.Contains(path, e.Message);
        Assert.Throws<DirectoryNotFoundException>(() => HistoryExport.SaveJson(ReportData.Full(), path));
    }
}
