namespace Ml.Cnn.Reports;

/// <summary>A linear axis over "nice" round ticks (1, 2 or 5 times a power of ten) that cover the data.</summary>
internal sealed class AxisScale
{
    private AxisScale(double min, double max, double step)
    {
        Min = min;
        Max = max;
        Step = step;
    }

    /// <summary>The lowest tick.</summary>
    public double Min { get; }

    /// <summary>The highest tick.</summary>
    public double Max { get; }

    /// <summary>The distance between ticks.</summary>
    public double Step { get; }

    /// <summary>The tick values, from <see cref="Min"/> to <see cref="Max"/>.</summary>
    public IEnumerable<double> Ticks =>
        Enumerable.Range(0, (int)Math.Round((Max - Min) / Step) + 1).Select(i => Min + i * Step);

    /// <summary>Decimals that tell the ticks apart.</summary>
    public int Decimals => Math.Max(0, (int)-Math.Floor(Math.Log10(Step) + 1e-9));

    /// <summary>A scale over <paramref name="low"/>..<paramref name="high"/> with about <paramref name="ticks"/> intervals.</summary>
    public static AxisScale Covering(double low, double high, int ticks = 5)
    {
        if (high - low < 1e-12)
        {
            var pad = Math.Abs(low) > 1e-12 ? Math.Abs(low) * 0.1 : 1;
            (low, high) = (low - pad, high + pad);
        }
        var step = NiceStep((high - low) / ticks);
        return new AxisScale(Math.Floor(low / step + 1e-9) * step, Math.Ceiling(high / step - 1e-9) * step, step);
    }

    /// <summary>
    /// Integer ticks for epochs 1..<paramref name="epochs"/>: every multiple of a nice step (1, 2, 5, 10, ...), and epoch 1
    /// unless the step is 2 (where 1 would crowd 2).
    /// </summary>
    public static IReadOnlyList<int> EpochTicks(int epochs)
    {
        var step = Math.Max(1, (int)NiceStep(epochs / 8.0));
        var multiples = Enumerable.Range(1, epochs / step).Select(i => i * step).Where(e => e > 1);
        return step == 2 ? [.. multiples] : [1, .. multiples];
    }

    /// <summary>Maps <paramref name="value"/> from the scale onto <paramref name="from"/>..<paramref name="to"/> (pixels).</summary>
    public double Map(double value, double from, double to) => from + (value - Min) / (Max - Min) * (to - from);

    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        return power * (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10);
    }
}
