using Microsoft.ML;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Cli;

/// <summary>What <see cref="DataSource"/> loaded.</summary>
/// <param name="Train">The training rows (empty for <c>mlcnn evaluate</c>).</param>
/// <param name="Test">The rows the metrics are computed on.</param>
/// <param name="Description">Where they came from, for the summary line.</param>
/// <param name="Files">The loaded image files (null for IDX files): their paths and the load's summary and warnings.</param>
/// <param name="LabelWarning">The IDX label file's warning (labels far apart), or null.</param>
internal sealed record LoadedData(IDataView Train, IDataView Test, string Description, ImageFileDataView? Files, string? LabelWarning);
