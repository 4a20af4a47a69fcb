namespace Ml.Cnn.Transforms;

/// <summary>Reads one column's value of a row, found by its index, into a reusable value (as ML.NET's getters fill theirs).</summary>
/// <typeparam name="T">The column's raw type.</typeparam>
/// <param name="row">The row index, 0-based.</param>
/// <param name="value">The value to fill; its buffers may be reused.</param>
internal delegate void RowReader<T>(int row, ref T value);
