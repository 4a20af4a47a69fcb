namespace Ml.Cnn.Sweeps;

/// <summary>An opened study: its storage id and definition.</summary>
/// <param name="Id">The storage's id of the study.</param>
/// <param name="Definition">How the study is defined.</param>
/// <param name="Created">True when this open created it.</param>
public sealed record StudyHandle(long Id, StudyDefinition Definition, bool Created);
