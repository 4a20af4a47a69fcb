using System.Text.Json;
using Ml.Cnn.Schedules;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Estimators.Tests.Schedules;

/// <summary>
/// Every case of tests/reference/golden_schedules.json: the rate of every epoch (every batch for OneCycle) equals the
/// lr PyTorch 1.13's scheduler holds within a relative tolerance of 1e-12; plus argument validation and the flags.
/// </summary>
public class LearningRateScheduleTests
{
    private const double RelativeTolerance = 1e-12;

    private static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "reference", "golden_schedules.json")))
            .RootElement.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!));

    public static TheoryData<string> CaseNames() => new(Cases.Value.Keys);

    [Fact]
    public void Golden_file_covers_every_schedule()
    {
        var counts = Cases.Value.Values.GroupBy(c => c.GetProperty("schedule").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(["Constant", "Cosine", "Exponential", "MultiStep", "OneCycle", "Polynomial", "ReduceOnPlateau", "Step"], counts.Keys.Order());
        Assert.All(counts.Where(c => c.Key != "Constant"), c => Assert.True(c.Value >= 2, $"{c.Key} has {c.Value} case(s)"));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Rates_match_PyTorch(string name)
    {
        var c = Cases.Value[name];
        var kind = c.GetProperty("schedule").GetString()!;
        var schedule = Build(kind, c.GetProperty("args"));
        Assert.Equal(kind, schedule.Name);
        var batches = c.GetProperty("batchesPerEpoch").GetInt32();
        var runner = schedule.Start(c.GetProperty("baseLearningRate").GetDouble(), c.GetProperty("epochs").GetInt32(), batches);
        var expected = c.GetProperty("rates").EnumerateArray().Select(r => r.GetDouble()).ToArray();
        var metrics = c.GetProperty("metrics").ValueKind == JsonValueKind.Null
            ? null
            : c.GetProperty("metrics").EnumerateArray().Select(m => m.GetDouble()).ToArray();
        for (var i = 0; i < expected.Length; i++)
        {
            var actual = runner.LearningRate;
            Assert.True(Math.Abs(actual - expected[i]) <= RelativeTolerance * Math.Abs(expected[i]),
                $"{name} rate[{i}]: expected {expected[i]:R}, got {actual:R}");
            if (i == expected.Length - 1) break;
            if (schedule.StepsPerBatch)
            {
                runner.AfterBatch();
                if ((i + 1) % batches == 0) runner.AfterEpoch(null);
            }
            else
            {
                for (var b = 0; b < batches; b++) runner.AfterBatch();
                runner.AfterEpoch(metrics?[i]);
            }
        }
    }

    public static TheoryData<Func<LearningRateSchedule>, string> InvalidArguments => new()
    {
        { () => LearningRateSchedule.Step(0), "stepSize" },
        { () => LearningRateSchedule.Step(2, gamma: 0), "gamma" },
        { () => LearningRateSchedule.Step(2, gamma: double.NaN), "gamma" },
        { () => LearningRateSchedule.MultiStep([]), "milestones" },
        { () => LearningRateSchedule.MultiStep([0, 3]), "milestones" },
        { () => LearningRateSchedule.MultiStep([3, 3]), "milestones" },
        { () => LearningRateSchedule.MultiStep([5, 2]), "milestones" },
        { () => LearningRateSchedule.MultiStep([2], gamma: -0.1), "gamma" },
        { () => LearningRateSchedule.Exponential(0), "gamma" },
        { () => LearningRateSchedule.Exponential(double.PositiveInfinity), "gamma" },
        { () => LearningRateSchedule.Polynomial(0), "decayEpochs" },
        { () => LearningRateSchedule.Polynomial(5, endLearningRate: -1e-4), "endLearningRate" },
        { () => LearningRateSchedule.Polynomial(5, power: 0), "power" },
        { () => LearningRateSchedule.Cosine(warmupEpochs: -1), "warmupEpochs" },
        { () => LearningRateSchedule.Cosine(minLearningRate: -1), "minLearningRate" },
        { () => LearningRateSchedule.Cosine(minLearningRate: double.NaN), "minLearningRate" },
        { () => LearningRateSchedule.Cosine(warmupStartFactor: 0), "warmupStartFactor" },
        { () => LearningRateSchedule.Cosine(warmupStartFactor: 1.5), "warmupStartFactor" },
        { () => LearningRateSchedule.OneCycle(0), "maxLearningRate" },
        { () => LearningRateSchedule.OneCycle(double.NaN), "maxLearningRate" },
        { () => LearningRateSchedule.OneCycle(0.1, pctStart: -0.1), "pctStart" },
        { () => LearningRateSchedule.OneCycle(0.1, pctStart: 1), "pctStart" },
        { () => LearningRateSchedule.OneCycle(0.1, pctStart: 0.6, threePhase: true), "pctStart" },
        { () => LearningRateSchedule.OneCycle(0.1, divFactor: 0), "divFactor" },
        { () => LearningRateSchedule.OneCycle(0.1, finalDivFactor: -1), "finalDivFactor" },
        { () => LearningRateSchedule.ReduceOnPlateau(factor: 1), "factor" },
        { () => LearningRateSchedule.ReduceOnPlateau(factor: 0), "factor" },
        { () => LearningRateSchedule.ReduceOnPlateau(patience: -1), "patience" },
        { () => LearningRateSchedule.ReduceOnPlateau(threshold: -1e-4), "threshold" },
        { () => LearningRateSchedule.ReduceOnPlateau(threshold: 1), "threshold" },
        { () => LearningRateSchedule.ReduceOnPlateau(threshold: double.PositiveInfinity, relativeThreshold: false), "threshold" },
        { () => LearningRateSchedule.ReduceOnPlateau(cooldown: -1), "cooldown" },
        { () => LearningRateSchedule.ReduceOnPlateau(minLearningRate: -1), "minLearningRate" },
    };

    [Theory]
    [MemberData(nameof(InvalidArguments))]
    public void Invalid_arguments_name_the_parameter(Func<LearningRateSchedule> create, string parameter)
    {
        var e = Assert.ThrowsAny<ArgumentException>(create);
        Assert.Equal(parameter, e.ParamName);
    }

    public static TheoryData<double, int, int, string> InvalidStarts => new()
    {
        { 0, 10, 5, "baseLearningRate" },
        { double.NaN, 10, 5, "baseLearningRate" },
        { double.PositiveInfinity, 10, 5, "baseLearningRate" },
        { 0.1, 0, 5, "epochs" },
        { 0.1, 10, 0, "batchesPerEpoch" },
    };

    [Theory]
    [MemberData(nameof(InvalidStarts))]
    public void Invalid_start_arguments_name_the_parameter(double baseLearningRate, int epochs, int batchesPerEpoch, string parameter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Constant().Start(baseLearningRate, epochs, batchesPerEpoch));
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void Starts_that_PyTorch_cannot_run_are_refused_with_the_reason()
    {
        var warmup = Assert.Throws<ArgumentException>(() => LearningRateSchedule.Cosine(warmupEpochs: 5).Start(0.1, 5, 10));
        Assert.Equal("epochs", warmup.ParamName);
        Assert.Contains("warm", warmup.Message);
        var oneStep = Assert.Throws<ArgumentException>(() => LearningRateSchedule.OneCycle(0.1, pctStart: 0.25).Start(0.1, 2, 2));
        Assert.Equal("epochs", oneStep.ParamName);
        Assert.Contains("divides by zero", oneStep.Message);
    }

    public static TheoryData<Func<LearningRateSchedule>, bool> PerBatchFlags => new()
    {
        { LearningRateSchedule.Constant, false },
        { () => LearningRateSchedule.Step(3), false },
        { () => LearningRateSchedule.MultiStep([2, 4]), false },
        { () => LearningRateSchedule.Exponential(0.9), false },
        { () => LearningRateSchedule.Polynomial(5), false },
        { () => LearningRateSchedule.Cosine(), false },
        { () => LearningRateSchedule.OneCycle(0.1), true },
        { () => LearningRateSchedule.ReduceOnPlateau(), false },
    };

    [Theory]
    [MemberData(nameof(PerBatchFlags))]
    public void Only_OneCycle_steps_per_batch(Func<LearningRateSchedule> create, bool perBatch) => Assert.Equal(perBatch, create().StepsPerBatch);

    private static LearningRateSchedule Build(string kind, JsonElement a) => kind switch
    {
        "Constant" => LearningRateSchedule.Constant(),
        "Step" => LearningRateSchedule.Step(Int(a, "stepSize"), Real(a, "gamma")),
        "MultiStep" => LearningRateSchedule.MultiStep(a.GetProperty("milestones").EnumerateArray().Select(m => m.GetInt32()).ToArray(), Real(a, "gamma")),
        "Exponential" => LearningRateSchedule.Exponential(Real(a, "gamma")),
        "Polynomial" => LearningRateSchedule.Polynomial(Int(a, "decayEpochs"), Real(a, "endLearningRate"), Real(a, "power"), Flag(a, "cycle")),
        "Cosine" => LearningRateSchedule.Cosine(Int(a, "warmupEpochs"), Real(a, "minLearningRate"), Real(a, "warmupStartFactor")),
        "OneCycle" => LearningRateSchedule.OneCycle(Real(a, "maxLearningRate"), Real(a, "pctStart"), Real(a, "divFactor"), Real(a, "finalDivFactor"),
            Flag(a, "cosineAnneal"), Flag(a, "threePhase")),
        "ReduceOnPlateau" => LearningRateSchedule.ReduceOnPlateau(Real(a, "factor"), Int(a, "patience"), Real(a, "threshold"), Flag(a, "relativeThreshold"),
            Flag(a, "maximize"), Int(a, "cooldown"), Real(a, "minLearningRate")),
        _ => throw new InvalidDataException($"golden_schedules.json has unknown schedule {kind}"),
    };

    private static double Real(JsonElement a, string name) => a.GetProperty(name).GetDouble();

    private static int Int(JsonElement a, string name) => a.GetProperty(name).GetInt32();

    private static bool Flag(JsonElement a, string name) => a.GetProperty(name).GetBoolean();
}
