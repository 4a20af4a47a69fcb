using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Ml.Cnn.Cli;

/// <summary>
/// Turns the library's range errors into usage errors naming the flag instead of the C# member (e.g. "Option Epochs must
/// be at least 1" becomes "--epochs must be at least 1"), and adds range checks to flags at parse time.
/// </summary>
internal static class FlagErrors
{
    /// <summary>The trainer options' members and the flags that set them.</summary>
    public static readonly IReadOnlyDictionary<string, string> TrainerOptions = new Dictionary<string, string>
    {
        ["Epochs"] = "--epochs", ["BatchSize"] = "--batch-size", ["LearningRate"] = "--learning-rate", ["Momentum"] = "--momentum",
        ["Nesterov"] = "--nesterov", ["WeightDecay"] = "--weight-decay", ["L1Regularization"] = "--l1", ["GradientClipNorm"] = "--clip-norm",
        ["GradientClipValue"] = "--clip-value", ["CheckpointEveryEpochs"] = "--checkpoint-every", ["Resume"] = "--resume",
        ["Threads"] = "--threads", ["ValidationFraction"] = "--validation-fraction", ["EmbeddingDimension"] = "--embedding-dimension",
        ["Precision"] = "--precision", ["Patience"] = "--early-stopping", ["Monitor"] = "--monitor", ["BalancedSampling"] = "--balanced-sampler",
        ["Device"] = "--device", ["Loss"] = "--loss", ["CheckpointDirectory"] = "--checkpoint-dir",
    };

    /// <summary>The distributed options' members and their flags.</summary>
    public static readonly IReadOnlyDictionary<string, string> Distributed = new Dictionary<string, string>
    {
        ["WorldSize"] = "--world-size", ["Rank"] = "--rank", ["MasterAddress"] = "--master-addr", ["MasterPort"] = "--master-port",
        ["Timeout"] = "--dist-timeout", ["Backend"] = "--backend",
    };

    /// <summary>The loss factories' parameters and their flags.</summary>
    public static readonly IReadOnlyDictionary<string, string> Losses = new Dictionary<string, string>
    {
        ["gamma"] = "--focal-gamma", ["alpha"] = "--focal-alpha", ["margin"] = "--margin", ["labelSmoothing"] = "--label-smoothing",
        ["delta"] = "--delta", ["beta"] = "--delta", ["positiveWeight"] = "--pos-weight",
    };

    /// <summary>The schedule factories' parameters and their flags.</summary>
    public static readonly IReadOnlyDictionary<string, string> Schedules = new Dictionary<string, string>
    {
        ["gamma"] = "--lr-gamma", ["stepSize"] = "--step-size", ["milestones"] = "--milestones", ["decayEpochs"] = "--decay-epochs",
        ["epochs"] = "--decay-epochs", ["power"] = "--power", ["endLearningRate"] = "--end-lr", ["minLearningRate"] = "--min-lr",
        ["warmupEpochs"] = "--warmup-epochs", ["maxLearningRate"] = "--max-lr", ["factor"] = "--plateau-factor", ["patience"] = "--plateau-patience",
    };

    /// <summary>The augmentation and class-weight options' members and their flags.</summary>
    public static readonly IReadOnlyDictionary<string, string> Augmentations = new Dictionary<string, string>
    {
        ["RotationDegrees"] = "--rotation", ["WidthShift"] = "--shift", ["HeightShift"] = "--shift", ["Zoom"] = "--zoom",
        ["ShearDegrees"] = "--shear", ["Brightness"] = "--brightness", ["Contrast"] = "--contrast", ["Probability"] = "--erasing",
        ["Beta"] = "--class-weights",
    };

    /// <summary>Runs <paramref name="build"/>; an <see cref="ArgumentException"/> about one of <paramref name="flags"/>' members becomes a <see cref="UsageException"/> naming the flag.</summary>
    public static T Translate<T>(IReadOnlyDictionary<string, string> flags, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e) when (e.ParamName is { } member && flags.TryGetValue(member, out var flag))
        {
            var message = MlCnnCommand.OneLine(e);
            var named = Regex.Replace(message, $@"^(Option |[A-Za-z]+\.)?{Regex.Escape(member)}\b", flag);
            if (!named.StartsWith(flag, StringComparison.Ordinal)) named = $"{flag}: {message}";
            foreach (var (other, otherFlag) in flags)
                if (char.IsUpper(other[0])) named = Regex.Replace(named, $@"(?<![\w-]){Regex.Escape(other)}\b", otherFlag);
            throw new UsageException(named, e);
        }
    }

    /// <summary>Adds a parse-time check that an integer flag lies in [min, max].</summary>
    public static void Range(Option<int> option, int min, int max) => option.Validators.Add(result =>
    {
        if (!TryValue(result, out int value)) return;
        if (value < min || value > max)
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be between {min} and {max} (got {value})."));
    });

    /// <summary>Adds a parse-time check that a number flag lies in (0, max].</summary>
    public static void PositiveAtMost(Option<double> option, double max) => option.Validators.Add(result =>
    {
        if (!TryValue(result, out double value)) return;
        if (!(value > 0 && value <= max))
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be greater than 0 and at most {max:G} (got {value:G4})."));
    });

    /// <summary>Adds a parse-time check that a fraction flag lies in [min, 1).</summary>
    public static void Fraction(Option<double> option, double min, bool minIncluded) => option.Validators.Add(result =>
    {
        if (!TryValue(result, out double value)) return;
        if (!((minIncluded ? value >= min : value > min) && value < 1))
            result.AddError(string.Create(CultureInfo.InvariantCulture,
                $"{option.Name} must lie in {(minIncluded ? "[" : "(")}{min:G}, 1) (got {value:G4})."));
    });

    /// <summary>The flag's value, or false when it does not convert (System.CommandLine reports that error itself).</summary>
    private static bool TryValue<T>(OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }
}
