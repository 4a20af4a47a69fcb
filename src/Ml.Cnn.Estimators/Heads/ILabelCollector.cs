using Ml.Cnn.Legacy;

namespace Ml.Cnn.Heads;

/// <summary>Collects the label of each row read, then gives the training loop its label column.</summary>
internal interface ILabelCollector
{
    /// <summary>Reads the current row's label; a missing or invalid label throws naming the row.</summary>
    void Add();

    /// <summary>Rows collected so far.</summary>
    int Count { get; }

    /// <summary>The collected labels as a column named <paramref name="name"/>.</summary>
    DataColumn ToColumn(string name);
}
