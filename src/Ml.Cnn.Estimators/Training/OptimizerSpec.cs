using System.Globalization;

namespace Ml.Cnn.Training;

/// <summary>The native optimizer spec of the options (optimizer, its settings, L1 and clipping).</summary>
internal static class OptimizerSpec
{
    public static string From(CnnTrainerOptions o)
    {
        var parts = new List<string>
        {
            o.Optimizer switch
            {
                OptimizerKind.Sgd => "sgd",
                OptimizerKind.Adam => "adam",
                OptimizerKind.AdamW => "adamw",
                OptimizerKind.AdaGrad => "adagrad",
                _ => "rmsprop",
            },
            Key("lr", o.LearningRate),
        };
        if (o.WeightDecay is { } decay) parts.Add(Key("weight_decay", decay));
        if (o.Optimizer == OptimizerKind.Sgd)
        {
            parts.Add(Key("momentum", o.Momentum ?? 0.9));
            parts.Add(Key("dampening", o.Dampening));
            if (o.Nesterov) parts.Add("nesterov=1");
        }
        if (o.Optimizer == OptimizerKind.RmsProp)
        {
            parts.Add(Key("momentum", o.Momentum ?? 0));
            if (o.Centered) parts.Add("centered=1");
        }
        if (o.L1Regularization > 0) parts.Add(Key("l1", o.L1Regularization));
        if (o.L1AllParameters) parts.Add("l1_all=1");
        if (o.GradientClipNorm > 0) parts.Add(Key("clip_norm", o.GradientClipNorm));
        if (o.GradientClipValue > 0) parts.Add(Key("clip_value", o.GradientClipValue));
        return string.Join(' ', parts);
    }

    private static string Key(string name, double value) => name + "=" + value.ToString("R", CultureInfo.InvariantCulture);
}
