namespace Ml.Cnn.Transforms;

/// <summary>A file a loader found, before its header is checked.</summary>
/// <param name="Path">The image file.</param>
/// <param name="Label">Its label.</param>
/// <param name="Origin">Where it came from, for messages: the class folder, or the table and its row.</param>
internal readonly record struct ImageCandidate(string Path, string Label, string Origin);
