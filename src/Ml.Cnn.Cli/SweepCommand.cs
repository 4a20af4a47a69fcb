using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Ml.Cnn.Sweeps;
using Ml.Cnn.Training;

namespace Ml.Cnn.Cli;

/// <summary>
/// <c>mlcnn sweep</c>: tunes <c>mlcnn train</c> options over a search space, keeping every trial in SQLite or PostgreSQL;
/// compares trials on a validation split of DIR's training data and evaluates only the best on DIR's test data.
/// </summary>
internal static class SweepCommand
{
    /// <summary>Train options a sweep manages itself: giving them as fixed options is refused.</summary>
    private static readonly string[] Managed =
    [
        "--model", "--checkpoint-dir", "--resume", "--history", "--curves", "--preview", "--force", "--world-size", "--rank", "--master-addr",
        "--master-port", "--nproc-per-node",
    ];

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var flags = new SweepFlags();
        var command = new Command("sweep", "Tune mlcnn train options: trials kept in SQLite or PostgreSQL, sampled (random, grid, tpe), pruned (asha); any other flag is a fixed mlcnn train option.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        foreach (var option in flags.All) command.Options.Add(option);
        command.SetAction(r => MlCnnCommand.Guard(stderr, () => Run(r, flags, stdout, stderr)));
        return command;
    }

    private static int Run(ParseResult r, SweepFlags flags, TextWriter stdout, TextWriter stderr)
    {
        var fixedArguments = r.UnmatchedTokens.ToArray();
        if (fixedArguments.FirstOrDefault(a => Managed.Contains(a.Split('=')[0])) is { } managed)
            throw new UsageException($"{managed.Split('=')[0]} is not a sweep option: a sweep saves the best trial's model (--best-model) and trains trials without checkpoints or outputs of their own.");
        var directory = r.GetValue(flags.Data)!;
        var space = SweepSpaceFile.Read(r.GetValue(flags.Space)!, new TrainFlags().All);
        foreach (var range in space)
            if (fixedArguments.Any(a => a.Split('=')[0] == "--" + range.Name))
                throw new UsageException($"--{range.Name} is both swept (in {r.GetValue(flags.Space)}) and given as a fixed option; choose one.");
        // A trial trains --max-epochs epochs unless epochs is swept or fixed (mlcnn train's own default is fewer).
        string[] epochs = space.Find("epochs") is null && !fixedArguments.Any(a => a.Split('=')[0] == "--epochs")
            ? ["--epochs", r.GetValue(flags.MaxEpochs).ToString(CultureInfo.InvariantCulture)]
            : [];
        var baseArguments = new[] { "--data", directory, "--model", "-", "--seed", r.GetValue(flags.Seed).ToString(CultureInfo.InvariantCulture) }
            .Concat(epochs).Concat(fixedArguments).ToArray();
        var (baseFlags, baseParse) = ParseTrain(baseArguments, "fixed option");
        var task = baseFlags.Task(baseParse);
        // The fixed options alone must make a valid trainer: refused now, naming the flag, before any data is read.
        TrainFlags.Trainer(new MLContext(), task, baseFlags.TrainerOptions(baseParse, task, TextWriter.Null), progress: null);
        var storageText = r.GetValue(flags.Storage)!;
        var options = flags.Options(r, storageText);
        ValidateOptions(options);
        var ml = new MLContext(options.Seed);
        var images = baseFlags.Images;
        var loaded = DataSource.Load(ml, directory, task, () => images.Loading(baseParse), baseParse.GetValue(images.TestFraction),
            (d, s) => baseFlags.Labels.Load(baseParse, ml, d, s, task), baseParse.GetValue(baseFlags.Labels.Positive));
        LoadWarnings.Write(loaded.Files, loaded.LabelWarning, stderr);
        var (train, test) = TrainCommand.Labeled(ml, task, loaded);
        using var storage = OpenStorage(storageText);
        stderr.WriteLine($"mlcnn: sweep '{options.Study}' in {storage.Description}: {options.Trials} trials, {options.Sampler.Name} sampler, " +
            $"{options.Pruner.Name} pruner, up to {options.MaxEpochs} epochs, {options.Metric} on {r.GetValue(flags.ValidationFraction).ToString("P0", CultureInfo.InvariantCulture)} of the training data, {options.Workers} worker(s)");
        var sweep = new CnnSweep(ml, space, parameters => Pipeline(baseArguments, parameters, task, loaded), options)
        {
            ValidationFraction = r.GetValue(flags.ValidationFraction),
            LabelColumnName = DefaultColumnNames.Label,
        };
        var gate = new object();
        sweep.TrialFinished += (_, e) =>
        {
            lock (gate) stderr.WriteLine(SweepTable.ProgressLine(e, options));
        };
        SweepResult result;
        try
        {
            result = CtrlC.Cancels(token => ImageFailures.NamingFiles(loaded.Files, () => sweep.Run(storage, train, null, token)));
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"the sweep was cancelled; its running trials are marked failed, and a rerun with --study {options.Study} and the same --storage continues it.");
        }
        stdout.Write(SweepTable.Format(result));
        TaskEvaluation? evaluation = null;
        if (result.Best is null) stderr.WriteLine("mlcnn: no trial completed (all were pruned or failed); nothing to evaluate on the test data");
        else if (result.BestModelPath is not { } bestPath)
            stderr.WriteLine($"mlcnn: the best trial's model is not on this machine ({result.Best.ModelPath ?? "not saved"}); the test data is not evaluated");
        else
        {
            var (_, cnn, _) = SavedModel.Load(ml, bestPath, Engine.ComputeDevice.Auto);
            using (cnn) evaluation = ImageFailures.NamingFiles(loaded.Files, () => TaskEvaluation.Evaluate(ml, task, cnn.Transform(test)));
            stdout.WriteLine($"Test metrics of trial {result.Best.Number} (the best on validation):");
            MetricsReport.Write(stdout, evaluation, history: null, json: false);
            if (r.GetValue(flags.BestModel) is { } copy)
            {
                AtomicFile.Write(copy, "best model", stream =>
                {
                    using var source = File.OpenRead(bestPath);
                    source.CopyTo(stream);
                });
                stderr.WriteLine($"mlcnn: best model (trial {result.Best.Number}) written to {copy}");
            }
        }
        if (r.GetValue(flags.Report) is { } report)
        {
            AtomicFile.Write(report, "sweep report", stream =>
            {
                using var writer = new StreamWriter(stream, leaveOpen: true);
                writer.Write(Reports.SweepReport.Html(result, evaluation?.Scalars));
            });
            stderr.WriteLine($"mlcnn: sweep report written to {report}");
        }
        if (r.GetValue(flags.Json)) stdout.WriteLine(JsonSerializer.Serialize(SweepTable.Json(result, evaluation?.Scalars), JsonOptions));
        LoadWarnings.WriteSkipped(loaded.Files, stderr);
        return 0;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>A trial's pipeline: the fixed train flags plus its parameters, parsed as <c>mlcnn train</c> parses them.</summary>
    private static TrialPipeline Pipeline(string[] baseArguments, TrialParameters parameters, CnnTask task, LoadedData loaded)
    {
        var (flags, parse) = ParseTrain([.. baseArguments, .. SweepSpaceFile.Arguments(parameters)], "swept value");
        var ml = new MLContext(parse.GetValue(flags.Seed));
        var options = flags.TrainerOptions(parse, task, TextWriter.Null);
        if (loaded.Files is not null) flags.Images.ApplyDecoding(parse, options);
        var steps = flags.TrainingTransforms(parse, ml, options);
        var trainer = TrainFlags.Trainer(ml, task, options, progress: null);
        IEstimator<ITransformer>? training = null;
        foreach (var step in steps) training = training is null ? step : training.Append(step);
        return new TrialPipeline(trainer, training, task == CnnTask.Multiclass ? ml.Transforms.Conversion.MapKeyToValue(DefaultColumnNames.PredictedLabel) : null);
    }

    private static (TrainFlags Flags, ParseResult Parse) ParseTrain(string[] arguments, string what)
    {
        var flags = new TrainFlags();
        var parse = flags.Command().Parse(arguments);
        if (parse.Errors.Count > 0) throw new UsageException($"{what}: {parse.Errors[0].Message} (see 'mlcnn train --help')");
        return (flags, parse);
    }

    private static void ValidateOptions(SweepOptions options)
    {
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static ITrialStorage OpenStorage(string text)
    {
        try
        {
            return TrialStorage.Open(text);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
